"""An ``Applicant`` to and from the columns that hold it (``tables.ApplicantColumns``)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from booking.applicant import Applicant

COLUMNS = tuple(f.name for f in fields(Applicant) if f.name != "retired_hashes")
"""The applicant's columns, named as its fields; the retired digests are never stored."""


def applicant_columns(applicant: Applicant) -> dict[str, Any]:
    """The column values of ``applicant``, for an insert."""
    return {name: getattr(applicant, name) for name in COLUMNS}


def take_applicant(values: dict[str, Any]) -> Applicant:
    """The applicant held in a row's ``values``, taken out of them (the rest become the record)."""
    return Applicant(**{name: values.pop(name) for name in COLUMNS})


def flat(record: Any) -> dict[str, Any]:
    """A booking's or a request's fields as columns: its applicant's spread among the others."""
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    values.update(applicant_columns(values.pop("applicant")))
    return values
