"""The optimiser at work on the real offices: the integrator between `booking` and `scheduler`.

`scheduler` knows nothing of databases or offices; `booking` knows nothing of min-cost flows.
This package maps one to the other and back, and runs the jobs:

    capacity.py       the offices' slots and loads as `SlotCapacity`s       (optimiser input)
    batch.py          pending requests in a job's scope → `Problem`
    solver_worker.py  assign + check + greedy baseline in a child process, with progress
    optimise.py       one optimiser run: load, solve, verify, write atomically, summarise
    jobs.py           jobs in the background of the web app, readable by every process
    lottery.py        the opening draw's order, drawn by lot from a recorded seed
    release_draw.py   a new day's opening draw: entries → bookings in the drawn order
    capacity_changes.py  closures and counter edits, with the slot rows restated at once
    rebalancing.py    after a capacity cut: displaced bookings → plan preview → apply
    plans.py          a rebalance plan as a typed value (moves, unplaced, what applying did)
    brokered_bookings.py  clusters of bookings a broker made, and cancelling them
    office_load.py    booked vs capacity per office hour, for the dashboard
    notifications.py  the citizens' messages (Arabic or English) for the outbox
    figures.py        metrics as plain JSON, the same for the API and the CLI
    ports.py          what the use cases need from persistence, as Protocols (fakes in tests/fakes)
    decisions.py      a request's placement or refusal, and what writing it did
    job_record.py     an optimiser job's row, as a value
    store/            planning's SQL: jobs, assignments, opening draws, rebalance plans, and
                      their tables (on booking's `Base`: one schema); messages to citizens go
                      to messaging's outbox (`messaging.store.outbox.post`), as
                      `messaging.outbox.OutboxMessage` values

The flexible requests themselves are booking's (it takes them in); planning decides them. Layers
(import-linter): `api` above this package, `queue_display`, `booking` and `kernel` below it, and
the optimiser `scheduler` beside them, which only `planning` and `api` use.
Nothing here imports Litestar; `api` wires it to HTTP and to the command line.
"""
