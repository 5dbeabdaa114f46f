"""The optimiser core: plain data in, verified assignments and rebalance plans out.

Pure Python + OR-Tools (and numpy, which OR-Tools brings; the verifier's max-flow is scipy's);
no web framework, database or Redis, and of ours only the shared kernel (`kernel.geo`,
`kernel.days`, `kernel.time_of_day`, `kernel.governorates`), nothing from `booking`, `planning`
or `api`: the integrator (`planning`) maps rows to these dataclasses. import-linter holds it to that.

    problem.py    SlotCapacity, Candidate, Request, Weights, Problem     (input)
    solution.py   Assignment, Solution, SolveStats, reason codes         (output)
    assign.py     assign(problem, progress) -> Solution                  (the model)
    optimum.py    optimise(problem, progress) -> Solution                (+ the uncapped optimum)
    chains.py     place_chains / improve                                 (several services, one trip)
    verify.py     verify / check / verify_rebalance                      (independent checks)
    bounds.py     lower_bound(problem, assignments) -> Bound             (relaxation, for chains)
    peak.py       lowest_peak(...)                                       (peak cap by max flow)
    greedy.py     first_come_first_served / cheapest_first -> Solution   (baselines)
    metrics.py    measure(problem, solution) -> Metrics
    displaced.py  DisplacedBooking, RebalancePlan, Placement, ...        (rebalance data)
    closure.py    close_office_day / cut_capacity -> rebalance input
    rebalance.py  rebalance(displaced, slots, weights) -> RebalancePlan
    report.py     comparison_table / rebalance_table / print_report      (rich tables)
    generate.py   generate(InstanceSpec) -> Instance                     (benchmark data)
    egypt.py      the generator's places (from kernel.governorates) and office kinds
    costs.py, network.py, decompose.py, grouping.py                      (shared helpers)
    slot_table.py, regions.py, parallel_regions.py                       (network speed-ups)

Import from the modules themselves; this package re-exports nothing, so importing the
problem dataclasses never loads OR-Tools.
"""
