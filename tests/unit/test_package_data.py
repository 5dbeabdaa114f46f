"""Files the code reads at run time (the Redis scripts) are package data, so an installed
package has them and not only a checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kernel", "booking", "scheduler", "planning", "feedback", "queue_display", "api")


def _package_data() -> dict[str, list[str]]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["setuptools"]["package-data"]


def _owner(path: Path) -> tuple[str, Path]:
    """The innermost package holding ``path``, and the path relative to it."""
    folder = path.parent
    while not (folder / "__init__.py").exists():
        folder = folder.parent
    return ".".join(folder.relative_to(ROOT).parts), path.relative_to(folder)


LUA = sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.lua"))


def test_there_are_scripts_to_check() -> None:
    folders = {path.parent.relative_to(ROOT).as_posix() for path in LUA}
    assert folders == {"api/lua", "queue_display/store/lua"}


@pytest.mark.parametrize("script", LUA, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_lua_script_is_package_data(script: Path) -> None:
    package, relative = _owner(script)
    patterns = _package_data().get(package, [])
    assert any(relative.match(pattern) for pattern in patterns), (
        f"{relative} of {package} is not in [tool.setuptools.package-data]"
    )
