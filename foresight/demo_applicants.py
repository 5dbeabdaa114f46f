"""Who the demo history's bookings are for: synthetic applicants nobody real can be mistaken for.

Every past booking the demo writes gets a code, an identity, a name and a mobile of its own, made
from one number packed from (office, day, n), so they are unique without asking the database:

- the code starts with ``U``, a letter Crockford's alphabet leaves out (``booking.codes``): no
  code the system issues can equal it, and no typed code ever reads as it, so nobody can look a
  demo booking up or collide with one;
- the identity number starts with the century digit ``9``, which no national ID has
  (``booking.identity.parse_national_id`` refuses it): no citizen's digest can equal its digest;
- the name says it is a demo visitor and carries the code, so no two share a name (the report of
  brokered bookings groups by name; it reads active and cancelled bookings only, anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from booking.codes import ALPHABET, CODE_LENGTH

CODE_MARK = "U"
"""The first character of every demo-history code: outside ``booking.codes.ALPHABET``."""

_EPOCH = date(2020, 1, 1)
_OFFICE_BITS, _DAY_BITS, _N_BITS = 6, 14, 15


@dataclass(frozen=True, slots=True)
class DemoApplicant:
    """A synthetic applicant. ``identity_number`` is never stored: the writer keeps its keyed
    digest and last four digits, as for any citizen."""

    code: str
    identity_number: str
    full_name: str
    phone: str
    lang: str


def _packed(office_number: int, day: date, n: int) -> int:
    ordinal = (day - _EPOCH).days
    if not (
        0 <= office_number < 1 << _OFFICE_BITS and 0 <= ordinal < 1 << _DAY_BITS and 0 <= n < 1 << _N_BITS
    ):
        raise ValueError("a demo booking's office number, day or ordinal is out of range")
    return (office_number << (_DAY_BITS + _N_BITS)) | (ordinal << _N_BITS) | n


def demo_code(office_number: int, day: date, n: int) -> str:
    """The ``n``-th demo booking of the office numbered ``office_number`` on ``day``."""
    value = _packed(office_number, day, n)
    chars = []
    for _ in range(CODE_LENGTH - 1):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    return CODE_MARK + "".join(reversed(chars))


def demo_applicant(office_number: int, day: date, n: int, english: bool) -> DemoApplicant:
    packed = _packed(office_number, day, n)
    code = demo_code(office_number, day, n)
    name = f"Demo visitor {code}" if english else f"مراجع تجريبي {code}"
    return DemoApplicant(
        code=code,
        identity_number=f"9{packed:013d}",
        full_name=name,
        phone=f"+2010{packed % 10**8:08d}",
        lang="en" if english else "ar",
    )
