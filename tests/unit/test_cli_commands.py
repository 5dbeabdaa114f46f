"""``mawid``'s parser and its table of commands name the same commands."""

from __future__ import annotations

import argparse

from api.cli import COMMANDS, parser


def test_every_command_the_parser_accepts_has_its_work_and_no_other() -> None:
    (commands,) = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands.choices) == set(COMMANDS)
