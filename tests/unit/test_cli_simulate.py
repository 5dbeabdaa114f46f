"""``mawid simulate`` on a plain M/M/c hall: the JSON machines read, and refusals."""

from __future__ import annotations

import json

import pytest

from api.cli import main
from foresight.erlang import mean_wait

HALL = ["--arrivals-per-hour", "40", "--service-minutes", "6", "--counters", "5", "--hours", "6"]


def test_the_plain_hall_prints_its_scenario_beside_erlang_c(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", *HALL, "--replications", "8", "--seed", "3", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["erlang_c_mean_wait_minutes"] == pytest.approx(mean_wait(40 / 60, 6.0, 5), abs=1e-3)
    planned = answer["scenarios"]["planned"]
    assert set(answer["scenarios"]) == {"planned"}
    for field in ("mean_wait_minutes", "p90_wait_minutes", "ci95_mean_wait_minutes", "utilisation"):
        assert isinstance(planned[field], float), field
    assert 0 < planned["utilisation"] < 1
    assert planned["p90_wait_minutes"] >= planned["p50_wait_minutes"]
    assert answer["replications"] == 8


def test_the_same_seed_gives_the_same_answer_and_another_seed_another(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outputs = []
    for seed in ("1", "1", "2"):
        main(["simulate", *HALL, "--replications", "3", "--seed", seed, "--json"])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] != outputs[2]


@pytest.mark.parametrize(
    "arguments",
    [
        ["--counters", "3"],  # half a plain hall
        [*HALL, "--office", "giza-passports"],  # both kinds at once
        ["--office", "giza-passports"],  # an office without its day
        [*HALL, "--replications", "0"],
        [*HALL, "--check"],  # the advice is an office day's
        ["--office", "giza-passports", "--day", "2026-12-07", "--weeks", "0"],  # no history window
        ["--arrivals-per-hour", "40", "--service-minutes", "6", "--counters", "0", "--hours", "6"],
    ],
)
def test_incomplete_or_mixed_options_are_refused(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["simulate", *arguments, "--json"])
    assert refused.value.code == 2
    assert capsys.readouterr().out == ""
