"""No exception instance is built once at import and raised again and again.

Raising an instance sets its ``__traceback__`` and ``__context__``; raising the same instance
again adds the new frames to the traceback it already holds, so a shared refusal such as a module
level ``SLOT_FULL = Conflict(...)`` kept every frame of every request it was raised in: one worker
grew from 147 to 656 MB in a rush of "slot full" answers. A refusal is raised fresh each time
(``kernel.errors.Refusal`` or a factory function); this test reads every module's source so the
pattern cannot come back unnoticed.
"""

from __future__ import annotations

import ast
import builtins
import importlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kernel", "booking", "planning", "feedback", "queue_display", "scheduler", "api")


@cache
def _imported(module: str, name: str | None = None) -> object | None:
    """``module`` (or ``module.name``), or None if it cannot be imported here."""
    try:
        found: object = importlib.import_module(module)
    except Exception:
        return None
    return getattr(found, name, None) if name else found


def _is_exception_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseException)


class _Names:
    """What the names bound at a module's top level refer to, as far as exceptions go."""

    def __init__(self, tree: ast.Module, package: str) -> None:
        self.exceptions = {n for n in dir(builtins) if _is_exception_class(getattr(builtins, n))}
        self.modules: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                self._learn_from_import(node, package)
            elif isinstance(node, ast.Import):
                self._learn_import(node)
        self._learn_own_exceptions(tree)

    def _learn_from_import(self, node: ast.ImportFrom, package: str) -> None:
        """``from x import Name``: an exception class, or a module (``from queue_display import errors``)."""
        source = _absolute(node, package)
        for alias in node.names:
            local = alias.asname or alias.name
            if _is_exception_class(_imported(source, alias.name)):
                self.exceptions.add(local)
            elif _imported(f"{source}.{alias.name}") is not None:
                self.modules[local] = f"{source}.{alias.name}"

    def _learn_import(self, node: ast.Import) -> None:
        """``import a.b`` binds ``a``; ``import a.b as c`` binds ``c`` to ``a.b``."""
        for alias in node.names:
            if alias.asname:
                self.modules[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                self.modules[top] = top

    def _learn_own_exceptions(self, tree: ast.Module) -> None:
        """Exception classes the module defines itself, on any base known so far (to a fixed point)."""
        classes = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
        grown = True
        while grown:
            grown = False
            for cls in classes:
                if cls.name not in self.exceptions and any(self.is_exception(b) for b in cls.bases):
                    self.exceptions.add(cls.name)
                    grown = True

    def is_exception(self, expr: ast.expr) -> bool:
        """Whether ``expr`` names an exception class: ``Conflict``, ``errors.Conflict``, …"""
        if isinstance(expr, ast.Name):
            return expr.id in self.exceptions
        if isinstance(expr, ast.Attribute):
            parts = [expr.attr]
            base: ast.expr = expr.value
            while isinstance(base, ast.Attribute):
                parts.append(base.attr)
                base = base.value
            if not isinstance(base, ast.Name) or base.id not in self.modules:
                return False
            *path, name = [self.modules[base.id], *reversed(parts)]
            return _is_exception_class(_imported(".".join(path), name))
        return False


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


Binding = ast.Assign | ast.AnnAssign | ast.AugAssign


def _shared_bindings(body: list[ast.stmt]) -> Iterator[Binding]:
    """Assignments run once at import: at module level (also under ``if``/``try``) and in class bodies."""
    for stmt in body:
        if isinstance(stmt, Binding) and stmt.value is not None:
            yield stmt
        elif isinstance(stmt, ast.ClassDef):
            yield from _shared_bindings(stmt.body)
        elif isinstance(stmt, ast.If | ast.Try | ast.With):
            yield from _shared_bindings(stmt.body)
            yield from _shared_bindings(getattr(stmt, "orelse", []))
            yield from _shared_bindings(getattr(stmt, "finalbody", []))
            for handler in getattr(stmt, "handlers", []):
                yield from _shared_bindings(handler.body)


def _calls_made_now(expr: ast.expr) -> Iterator[ast.Call]:
    """Calls evaluated when the binding runs: not those inside a lambda, which run later."""
    if isinstance(expr, ast.Lambda):
        return
    if isinstance(expr, ast.Call):
        yield expr
    for child in ast.iter_child_nodes(expr):
        if isinstance(child, ast.expr):
            yield from _calls_made_now(child)
        elif isinstance(child, ast.keyword | ast.comprehension):
            for grandchild in ast.iter_child_nodes(child):
                if isinstance(grandchild, ast.expr):
                    yield from _calls_made_now(grandchild)


def shared_exceptions(source: str, package: str, where: str) -> list[str]:
    """``where:line`` of each binding at import time that builds an exception instance."""
    tree = ast.parse(source)
    names = _Names(tree, package)
    found = []
    for stmt in _shared_bindings(tree.body):
        assert stmt.value is not None
        if any(names.is_exception(call.func) for call in _calls_made_now(stmt.value)):
            found.append(f"{where}:{stmt.lineno}: {ast.unparse(stmt).splitlines()[0]}")
    return found


def _modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_no_module_binds_an_exception_instance_to_raise_again() -> None:
    found = []
    for path in _modules():
        relative = path.relative_to(ROOT)
        package = ".".join(relative.with_suffix("").parts)
        if path.name != "__init__.py":
            package = package.rsplit(".", 1)[0]
        found += shared_exceptions(path.read_text(encoding="utf-8"), package, str(relative))
    assert not found, (
        "exception instances built once and raised again keep every traceback they went through; "
        "raise a fresh one (kernel.errors.Refusal or a factory function):\n" + "\n".join(found)
    )


def test_the_scan_reads_every_package() -> None:
    scanned = {path.relative_to(ROOT).parts[0] for path in _modules()}
    assert scanned == set(PACKAGES)


@pytest.mark.parametrize(
    "source",
    [
        'from kernel.errors import Conflict\nSLOT_FULL = Conflict("slot_full", "full", "مكتمل")\n',
        'from kernel import errors\nGONE: errors.NotFound = errors.NotFound("gone", "Gone.", "غ.")\n',
        'import kernel.errors\nGONE = kernel.errors.NotFound("gone", "Gone.", "غير موجود.")\n',
        'from queue_display.errors import Conflict as C\nBUSY = C("busy", "Busy.", "مشغول.")\n',
        'TOO_LATE = TimeoutError("too late")\n',
        'from litestar.exceptions import NotFoundException\nMISSING = NotFoundException("no")\n',
        'class _Gone(KeyError):\n    pass\nclass _Vanished(_Gone):\n    pass\nGONE = _Vanished("x")\n',
        'from kernel.errors import NotFound\nERRORS = {"a": NotFound("a", "A.", "أ.")}\n',
        'from kernel.errors import NotFound\nclass Routes:\n    GONE = NotFound("g", "G.", "غ.")\n',
        'import os\nif os.name:\n    FAIL = RuntimeError("fail")\n',
    ],
)
def test_the_scan_sees_a_shared_exception_however_it_is_spelled(source: str) -> None:
    assert shared_exceptions(source, "booking", "example.py")


@pytest.mark.parametrize(
    "source",
    [
        'from kernel.errors import Conflict, Refusal\nFULL = Refusal(Conflict, "slot_full", "f", "م")\n',
        "from kernel.errors import Conflict\ndef slot_full() -> Conflict:\n"
        '    return Conflict("slot_full", "full", "مكتمل")\n',
        'from kernel.errors import Conflict\nmake = lambda: Conflict("x", "X.", "س.")\n',
        "ERRORS = (KeyError, ValueError)\n",
        "from kernel.errors import Conflict\nFAMILY: type[Conflict] = Conflict\n",
        "import re\nPATTERN = re.compile('x')\n",
    ],
)
def test_the_scan_lets_classes_and_factories_be(source: str) -> None:
    assert not shared_exceptions(source, "booking", "example.py")
