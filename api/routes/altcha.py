"""``GET /api/v1/altcha/challenge``: an ALTCHA puzzle for the booking page to solve (api/proof_of_work.py)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.params import QueryParameter

from api.problems import PARAMETERS, answers
from api.proof_of_work import ProofOfWork
from api.providers import Injected


class Challenge(msgspec.Struct):
    """An ALTCHA v1 challenge: find ``number`` (0…``maxnumber``) with SHA-256(salt + number) ==
    ``challenge``; ``signature`` lets the server check it was its own."""

    algorithm: str
    challenge: str
    maxnumber: int
    salt: str
    signature: str


Office = Annotated[
    str | None,
    QueryParameter(
        name="office", description="The office about to be booked; its traffic sets the difficulty."
    ),
]


class AltchaController(Controller):
    path = "/api/v1/altcha"
    tags = ["citizens"]

    @get(
        "/challenge",
        summary="A proof-of-work challenge (ALTCHA v1) as hard as current booking traffic asks",
        description=(
            "Find `number` (0…maxnumber) with SHA-256(salt + number) == challenge, then send the base64 "
            "of the JSON {algorithm, challenge, number, salt, signature} as `altcha` with the booking. "
            "Valid five minutes, accepted once."
        ),
        responses=answers(PARAMETERS),
    )
    async def challenge(self, proof_of_work: Injected[ProofOfWork], office: Office = None) -> Challenge:
        return msgspec.convert(await proof_of_work.challenge_for(office), Challenge)
