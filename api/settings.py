"""Settings, read once from the environment in ``Settings.from_env`` and passed to create_app."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Any

from api.client_address import parse_networks
from booking.release import ReleasePolicy
from kernel.schedule import parse_times
from messaging.email_smtp import SmtpServer


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in _TRUE


def _origins(value: str) -> tuple[str, ...]:
    """``MAWID_ALLOWED_ORIGINS`` as normalised origins (``scheme://host[:port]``, lower case)."""
    origins = []
    for item in (part.strip().lower().rstrip("/") for part in value.split(",")):
        if not item:
            continue
        scheme, _, rest = item.partition("://")
        if scheme not in ("http", "https") or not rest or any(c in rest for c in "/?#@ "):
            raise SettingsError(
                f"MAWID_ALLOWED_ORIGINS: {item!r} is not an origin; write e.g. https://mawid.example.eg"
            )
        origins.append(item)
    return tuple(origins)


def _seconds(env: dict[str, str], name: str, default: float) -> float:
    """A timeout in seconds from ``env``: a number between 0.1 s and one hour."""
    try:
        value = float(env.get(name, str(default)))
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, e.g. {default:g}") from None
    if not 0.1 <= value <= 3600:
        raise SettingsError(f"{name} must be between 0.1 and 3600 seconds")
    return value


_IDENTITY_CAPS = {
    "reschedules_per_booking": ("MAWID_RESCHEDULES_PER_BOOKING", 2, 0),
    "reschedules_per_year": ("MAWID_RESCHEDULES_PER_YEAR", 4, 0),
    "cancellations_per_month": ("MAWID_CANCELLATIONS_PER_MONTH", 3, 0),
    "no_show_limit": ("MAWID_NO_SHOW_LIMIT", 2, 0),
    "no_show_window_days": ("MAWID_NO_SHOW_WINDOW_DAYS", 90, 1),
    "no_show_ban_days": ("MAWID_NO_SHOW_BAN_DAYS", 30, 0),
    "active_bookings_per_mobile": ("MAWID_ACTIVE_BOOKINGS_PER_MOBILE", 3, 0),
}


def _identity_rules(env: dict[str, str]) -> dict[str, Any]:
    """The churn caps, no-show ban, per-mobile cap and release cool-off (``booking.churn``)."""
    values: dict[str, Any] = {}
    for field_name, (name, default, lowest) in _IDENTITY_CAPS.items():
        raw = env.get(name, "").strip() or str(default)
        if not raw.isdigit() or not lowest <= int(raw) <= 10_000:
            raise SettingsError(f"{name} must be a whole number from {lowest} to 10000 (0 turns it off)")
        values[field_name] = int(raw)
    raw = env.get("MAWID_RELEASE_COOL_OFF_MINUTES", "").strip() or "2-10"
    low, _, high = raw.partition("-")
    try:
        bounds = (float(low), float(high or low))
    except ValueError:
        bounds = (-1.0, -1.0)
    if not 0 <= bounds[0] <= bounds[1] <= 24 * 60:
        raise SettingsError(
            "MAWID_RELEASE_COOL_OFF_MINUTES must be MIN-MAX minutes with MIN <= MAX <= 1440, e.g. 2-10 "
            "(0 turns the cool-off off)"
        )
    values["release_cool_off_minutes"] = bounds
    return values


def _release(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_FAIR_RELEASE``, ``MAWID_RELEASE_TIME`` and ``MAWID_RELEASE_DRAW_MINUTES``."""
    switch = env.get("MAWID_FAIR_RELEASE", "").strip().lower() or "on"
    if switch not in _TRUE + _FALSE:
        raise SettingsError("MAWID_FAIR_RELEASE must be on or off")
    raw_time = env.get("MAWID_RELEASE_TIME", "").strip() or "09:00"
    try:
        opens_at = time.fromisoformat(raw_time)
    except ValueError:
        raise SettingsError("MAWID_RELEASE_TIME must be a time of day, e.g. 09:00 (Cairo time)") from None
    raw_minutes = env.get("MAWID_RELEASE_DRAW_MINUTES", "").strip() or "10"
    if not raw_minutes.isdigit() or int(raw_minutes) > 120:
        raise SettingsError("MAWID_RELEASE_DRAW_MINUTES must be a whole number from 0 to 120 (0: no draw)")
    return {"release": ReleasePolicy(switch in _TRUE, opens_at.replace(tzinfo=None), int(raw_minutes))}


@dataclass(frozen=True)
class Settings:
    database_url: str = ""
    """SQLAlchemy async URL. Empty: a SQLite file ``mawid.sqlite3`` in ``data_dir``."""
    redis_url: str = ""
    """Redis for live queue state and pub/sub between processes. Empty: in-process memory."""
    redis_prefix: str = "mawid"
    """``MAWID_REDIS_PREFIX``: the start of every Redis key and channel name, so several
    deployments (or test runs) can share one Redis without seeing each other's halls."""
    host: str = "127.0.0.1"
    """Interface the server listens on."""
    port: int = 8000
    """TCP port the server listens on."""
    secret_key: str = ""
    """Signs staff tokens. Required outside demo mode; in demo mode a random key is generated once
    and kept in ``data_dir`` so tokens survive a restart."""
    identity_key: str = ""
    """``MAWID_IDENTITY_KEY``: keys the HMAC that stands in for identity numbers (at least 32
    characters), apart from the token secret so either can leak or rotate without the other.
    Required outside demo mode; in demo mode one is made once and kept in ``data_dir``. Settings
    built in code without one (tests) hash with ``secret_key`` as Mawid did before."""
    identity_key_required: bool = False
    """Set by ``from_env`` outside demo mode: a server then refuses to start without
    ``MAWID_IDENTITY_KEY`` instead of hashing identities with the token secret."""
    identity_old_keys: tuple[str, ...] = ()
    """``MAWID_IDENTITY_OLD_KEYS``: retired identity keys (comma-separated), used only to find the
    bookings and requests made under them; new rows always use ``identity_key``."""
    retention_visit_days: int = 90
    """``MAWID_RETENTION_VISIT_DAYS``: days after the visit day after which a booking's name,
    mobile and e-mail are erased (the row stays, for statistics); also for flexible requests
    after their window."""
    retention_cancelled_days: int = 30
    """``MAWID_RETENTION_CANCELLED_DAYS``: days after a cancellation (or a request's withdrawal or
    decision) after which its name, mobile and e-mail are erased."""
    public_url: str = ""
    """``MAWID_PUBLIC_URL``: the address citizens reach the site at (``https://mawid.moi.gov.eg``),
    for the links in SMS and e-mails; empty: ``http://HOST:PORT`` (right for the demo only)."""
    batch_times: tuple[time, ...] = (time(2, 0),)
    """``MAWID_BATCH_TIMES``: Cairo times of day at which the national optimiser batch decides
    every pending flexible request (comma-separated, e.g. ``02:00,14:00``; empty: none)."""
    purge_time: time = time(3, 30)
    """``MAWID_PURGE_TIME``: the Cairo time of day of the erasure of personal data past its
    keeping time."""
    reminder_time: time = time(18, 0)
    """``MAWID_REMINDER_TIME``: the Cairo time of day of the reminders sent the evening before a
    visit."""
    demo: bool = False
    """Seed demo offices and demo staff accounts on first start."""
    demo_history_weeks: int = 0
    """``MAWID_DEMO_HISTORY_WEEKS``: weeks of simulated past (archived tickets and settled
    bookings) written for each demo office that has none when the demo is seeded (``mawid
    seed-demo``, a demo server's first start), for the forecast and the estimates to learn from
    (``foresight.demo_history``). 6 by default from the environment; 0 writes none, as settings
    built in code (tests) do."""
    data_dir: Path = field(default_factory=lambda: Path("var"))
    """Where the embedded database and the demo secret live."""
    clock: str = ""
    """``MAWID_CLOCK``: start the server's clock at this ISO instant (with offset), then run."""
    workers: int = 1
    """Server processes for ``mawid serve`` (use more only with PostgreSQL or SQLite WAL)."""
    token_hours: int = 8
    """``MAWID_TOKEN_HOURS``: lifetime of a staff token, one working shift (1–24). Logging out,
    deactivating the account or changing its role or offices ends it sooner."""
    login_lockout_failures: int = 5
    """``MAWID_LOGIN_LOCKOUT_FAILURES``: wrong passwords in a row after which a staff account
    refuses every password, the right one too, for a while."""
    login_lockout_seconds: float = 60.0
    """``MAWID_LOGIN_LOCKOUT_SECONDS``: the first lock's length; each further wrong password once
    it has ended doubles it, up to ``MAWID_LOGIN_LOCKOUT_MAX_SECONDS``."""
    login_lockout_max_seconds: float = 3600.0
    """``MAWID_LOGIN_LOCKOUT_MAX_SECONDS``: the longest lock."""
    pow_mode: str = "off"
    """``MAWID_POW``: ``off``, ``adaptive`` or ``on`` — when a booking must carry a solved ALTCHA
    puzzle (``api/proof_of_work.py``). Read from the environment it defaults to ``adaptive`` (a
    puzzle only while booking traffic is unusually high); settings built in code (tests) ask none."""
    pow_window_seconds: int = 10
    """``MAWID_POW_WINDOW_SECONDS``: the sliding window in which booking attempts are counted."""
    pow_office_threshold: int = 10
    """``MAWID_POW_OFFICE_THRESHOLD``: booking attempts at one office within the window above which
    ``adaptive`` asks a puzzle."""
    pow_system_threshold: int = 50
    """``MAWID_POW_SYSTEM_THRESHOLD``: booking attempts over all offices within the window above
    which ``adaptive`` asks a puzzle."""
    pow_difficulty: int = 50_000
    """``MAWID_POW_DIFFICULTY``: ``maxnumber`` of the puzzle at its threshold (a browser tries half
    of it on average); it doubles each time the rate doubles past the threshold."""
    pow_max_difficulty: int = 1_000_000
    """``MAWID_POW_MAX_DIFFICULTY``: the hardest puzzle asked, however high the pressure."""
    display_ping_seconds: float = 15.0
    """``MAWID_DISPLAY_PING_SECONDS``: how often a hall screen's feed pings. A screen that hears
    nothing for two of these shows itself as disconnected."""
    http_header_timeout: float = 10.0
    """``MAWID_HTTP_HEADER_TIMEOUT``: seconds a client has to send a request's whole head (request
    line and headers), counted from when the request starts. A client that trickles its headers
    (or connects and says nothing) is answered 408 and closed instead of holding a connection."""
    http_body_timeout: float = 20.0
    """``MAWID_HTTP_BODY_TIMEOUT``: seconds a client has to send the whole body it announced, once
    the head has arrived. Mawid's bodies are small forms and JSON; a slow body is a stuck client."""
    max_connections: int = 1000
    """``MAWID_MAX_CONNECTIONS``: open connections (HTTP and WebSocket) one server process serves at
    once. Beyond it a request or WebSocket upgrade is answered 503 with ``Retry-After`` and closed,
    so a flood cannot exhaust a process's file descriptors or memory."""
    database_pool: tuple[int, int] = (10, 20)
    """``MAWID_DATABASE_POOL``: PostgreSQL connections each server process keeps open, and how
    many more it may open for a burst (``10+20``). A booking holds one for its transaction only;
    more connections than the database server has cores mostly wait on each other's locks. Not
    used by the embedded SQLite database (one writer thread, four readers)."""
    public_schema: bool = True
    """``MAWID_PUBLIC_SCHEMA``: serve the OpenAPI schema and its Swagger UI at ``/schema``. Read
    from the environment it defaults to ``MAWID_DEMO`` (on in demo mode, off in production, where a
    map of every endpoint helps only an attacker); settings built in code (tests) show it."""
    allowed_origins: tuple[str, ...] = ()
    """``MAWID_ALLOWED_ORIGINS``: origins (``https://host[:port]``, comma-separated) whose pages may
    open the hall display's WebSocket. Empty: only the server's own origin (the request's ``Host``).
    A client that sends no ``Origin`` at all (a kiosk-mode TV, a script) is not a browser page and is
    let in."""
    display_sockets_per_address: int = 20
    """``MAWID_DISPLAY_SOCKETS_PER_ADDRESS``: display WebSockets one client address may hold open at
    once in each server process (a hall's screens behind one NAT are a handful)."""
    counter_no_show_recalls: int = 2
    """``MAWID_COUNTER_NO_SHOW_RECALLS``: times a called ticket must have been called again before
    a clerk may mark it as not having come (0–3; ``queue_display.no_show``)."""
    counter_no_show_minutes: int = 3
    """``MAWID_COUNTER_NO_SHOW_MINUTES``: minutes after a ticket's first call before a clerk may
    mark it as not having come (0–60)."""
    park_limit_minutes: int = 30
    """``MAWID_PARK_LIMIT_MINUTES``: how long a parked ticket (its holder was not there when
    called) waits for its holder to check in again at the kiosk; after it, a no-show (1–240)."""
    park_min_wait_minutes: int = 5
    """``MAWID_PARK_MIN_WAIT_MINUTES``: a parked ticket back in line is not called again before
    this long after it was parked (0–60; ``queue_display.policy``)."""
    heads_up_ahead: int = 3
    """``MAWID_HEADS_UP_AHEAD``: the default of "text me when this many people are ahead of me"
    (1–20) at the kiosk and on a ticket's live page."""
    rate_limits: Mapping[str, str] = field(default_factory=dict)
    """``MAWID_LIMIT_<NAME>``: rate limits overriding ``api.rate_limits.DEFAULTS``, by name, in the
    ``limits`` notation (``20/hour``, ``10/minute;30/hour``) or ``off``. Counted in Redis when
    ``MAWID_REDIS_URL`` is set (shared by every process), else in each process."""
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = ()
    """``MAWID_TRUSTED_PROXIES``: networks of our own reverse proxies (CIDR, comma-separated, e.g.
    ``10.0.0.0/8,127.0.0.1/32``). A request from one of them is from the right-most
    ``X-Forwarded-For`` address that is not one of them; from anywhere else, from its peer.
    Empty (the default): ``X-Forwarded-For`` is never believed (``api/client_address.py``)."""
    metrics: bool = True
    """``MAWID_METRICS``: serve ``GET /metrics`` (Prometheus text); ``off`` removes it (404)."""
    metrics_token: str = ""
    """``MAWID_METRICS_TOKEN``: when set, ``/metrics`` answers whoever sends it as a bearer token
    (and nobody else); empty, only clients on this machine reach it directly (``api/metrics_endpoint.py``)."""

    release: ReleasePolicy = field(default_factory=ReleasePolicy)
    """When booking days open and how their first minutes are decided (``booking.release``):
    ``MAWID_FAIR_RELEASE`` (on; off: the rolling 60-day window, every attempt decided at once),
    ``MAWID_RELEASE_TIME`` (09:00 Cairo time: the day 60 days ahead opens whole) and
    ``MAWID_RELEASE_DRAW_MINUTES`` (10: attempts at the new day in its first minutes are entries
    into a draw decided by lot when they end; 0: no draw)."""

    reschedules_per_booking: int = 2
    """``MAWID_RESCHEDULES_PER_BOOKING``: times one booking may be moved (0: no cap)."""
    reschedules_per_year: int = 4
    """``MAWID_RESCHEDULES_PER_YEAR``: moves one identity may make in a calendar year, across its
    bookings (0: no cap). India's Passport Seva allows two per application."""
    cancellations_per_month: int = 3
    """``MAWID_CANCELLATIONS_PER_MONTH``: cancellations one identity may make in a calendar month;
    after the last one it cannot book again until the next month (0: no cap). The cancel itself is
    never refused."""
    no_show_limit: int = 2
    """``MAWID_NO_SHOW_LIMIT``: missed appointments within ``MAWID_NO_SHOW_WINDOW_DAYS`` after which
    the identity cannot book for ``MAWID_NO_SHOW_BAN_DAYS`` (0: no ban)."""
    no_show_window_days: int = 90
    """``MAWID_NO_SHOW_WINDOW_DAYS``: the window in which missed appointments are counted."""
    no_show_ban_days: int = 30
    """``MAWID_NO_SHOW_BAN_DAYS``: how long a no-show ban lasts, from the missed appointment."""
    active_bookings_per_mobile: int = 3
    """``MAWID_ACTIVE_BOOKINGS_PER_MOBILE``: active bookings one mobile number may hold across
    identities, decided by the database (0: no cap)."""
    release_cool_off_minutes: tuple[float, float] = (2.0, 10.0)
    """``MAWID_RELEASE_COOL_OFF_MINUTES``: ``MIN-MAX`` minutes (e.g. ``2-10``); a cancelled or moved
    booking's seat goes back on sale after a random delay in this range, so nobody can hand it
    over at an agreed second. ``0`` turns the cool-off off."""
    brokered_window_minutes: int = 60
    """``MAWID_BROKERED_WINDOW_MINUTES``: "a short time" in the report of brokered bookings; bookings
    further apart than this are not one burst."""
    brokered_identities: int = 4
    """``MAWID_BROKERED_IDENTITIES``: distinct identities behind one client address, one mobile or
    one browser within the window that the report shows as a cluster (a family booking from home
    stays below it; raise it where many honest phones share a carrier's address)."""
    brokered_same_name: int = 3
    """``MAWID_BROKERED_SAME_NAME``: distinct identities under one full name within the window."""
    brokered_lockstep_seconds: float = 10.0
    """``MAWID_BROKERED_LOCKSTEP_SECONDS``: moves from one address this close together are in
    lock-step (a broker handing slots over at an agreed second)."""
    brokered_lockstep_moves: int = 3
    """``MAWID_BROKERED_LOCKSTEP_MOVES``: bookings moved in lock-step that make a cluster."""
    group_extra_people: int = 5
    """``MAWID_GROUP_EXTRA_PEOPLE``: how many people one booking may carry beside the applicant
    (README, "Several people, one appointment"; 0–20, 0: one person a booking)."""
    feedback_days: int = 7
    """``MAWID_FEEDBACK_DAYS``: days a link to say how a visit went stays valid (1–90)."""

    sender: str = "inline"
    """``MAWID_SENDER``: ``inline`` (each ``mawid serve`` process also delivers the outbox) or
    ``off`` (only ``mawid worker`` processes do)."""
    sms_url: str = ""
    """``MAWID_SMS_URL``: the HTTP SMS gateway messages are POSTed to (README, "Delivery").
    Empty: SMS go to the demo inbox in demo mode, and stay pending otherwise."""
    sms_token: str = ""
    """``MAWID_SMS_TOKEN``: the gateway's bearer token; required with ``MAWID_SMS_URL``."""
    smtp_url: str = ""
    """``MAWID_SMTP_URL``: the mail server, ``smtp://user:pass@host:587?starttls=1`` or
    ``smtps://user:pass@host:465``. Empty: e-mails go to the demo inbox in demo mode, and stay
    pending otherwise."""
    mail_from: str = ""
    """``MAWID_MAIL_FROM``: the e-mails' sender address; required with ``MAWID_SMTP_URL``."""
    delivery_attempts: int = 8
    """``MAWID_DELIVERY_ATTEMPTS``: attempts at one message before it is dead (1–100)."""
    delivery_concurrency: int = 16
    """``MAWID_DELIVERY_CONCURRENCY``: messages one sender has in flight at once (1–256)."""
    service_level_target: float = 0.8
    """``MAWID_SERVICE_LEVEL_TARGET``: the share of people the staffing advice wants called within
    ``MAWID_SERVICE_LEVEL_MINUTES`` (strictly between 0 and 1; ``foresight.staffing``)."""
    service_level_minutes: float = 15.0
    """``MAWID_SERVICE_LEVEL_MINUTES``: the wait, in minutes, the service level counts within."""
    waitlist_offer_minutes: float = 30.0
    """``MAWID_WAITLIST_OFFER_MINUTES``: how long a freed seat offered to a person on the waitlist
    is held for them before it passes to the next (README, "Waitlist"); 0 turns the offers off
    (freed seats go straight to the cool-off and open sale)."""
    reconfirm_services: tuple[str, ...] = ()
    """``MAWID_RECONFIRM_SERVICES``: the services (comma-separated codes) whose bookings must be
    reconfirmed by a link texted before the visit, or are released to the waitlist (README,
    "Reconfirmation"). Empty: none; in demo mode ``passport-renewal`` unless set."""
    reconfirm_window_days: tuple[int, int] = (10, 3)
    """``MAWID_RECONFIRM_WINDOW``: ``ASK-UNTIL`` days before the visit (e.g. ``10-3``): the SMS goes
    on the ASK-th day before, and a booking not reconfirmed by the end of the UNTIL-th day
    before is released."""
    phone_verification: bool = False
    """``MAWID_PHONE_VERIFICATION``: a booking is held until the citizen types the code texted to
    their mobile (README, "Verified mobiles"). On by default from the environment (demo mode
    included); off by default here, so tools and tests that build settings keep the one-step
    booking."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Every setting from ``env`` (the process environment by default), one reader per group;
        the first malformed one raises ``SettingsError`` saying which and how to fix it."""
        env = dict(os.environ if env is None else env)
        return cls(
            **_server(env),
            **_connections(env),
            **_database_pool(env),
            **_staff_login(env),
            **_public_schema(env),
            **_display_guard(env),
            **_counter_no_show(env),
            **_remote_queue(env),
            **_client_limits(env),
            **_identity_rules(env),
            **_brokered(env),
            **_release(env),
            **_scheduled_work(env),
            public_url=_public_url(env.get("MAWID_PUBLIC_URL", "")),
            **_metrics(env),
            **_feedback(env),
            **_groups(env),
            **_proof_of_work(env),
            **_personal_data(env),
            **_delivery(env),
            **_verification(env),
            **_second_chance(env),
            **_service_level(env),
            **_demo_history(env),
        )

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'mawid.sqlite3'}"

    def resolved_identity_keys(self) -> tuple[str, ...]:
        """The identity keys, current first, then the retired ones still searched.

        In demo mode the current key is made once and kept in ``data_dir``, and the demo secret,
        which keyed identities before ``MAWID_IDENTITY_KEY`` existed, is kept as a retired key so
        an existing demo database still finds its bookings."""
        retired = self.identity_old_keys
        if self.identity_key:
            if len(self.identity_key) < 32:
                raise SettingsError("MAWID_IDENTITY_KEY must be at least 32 characters long")
            current = self.identity_key
        elif self.demo:
            current = kept_key(self.data_dir / "demo-identity.key")
            retired = (*retired, self.resolved_secret())
        elif self.identity_key_required:
            raise SettingsError(
                "MAWID_IDENTITY_KEY is required outside demo mode: set a new random key of at least 32 "
                "characters; when upgrading, also put the current MAWID_SECRET_KEY in "
                "MAWID_IDENTITY_OLD_KEYS so existing bookings are still found"
            )
        else:
            current = self.resolved_secret()
        return (current, *(key for key in retired if key != current))

    @property
    def site_url(self) -> str:
        """Where citizens reach the site: ``public_url``, else this server's own address."""
        return self.public_url or f"http://{self.host}:{self.port}"

    def resolved_secret(self) -> str:
        """The secret key; in demo mode one is made on first start and kept in ``data_dir``."""
        if self.secret_key:
            if len(self.secret_key) < 32:
                raise SettingsError("MAWID_SECRET_KEY must be at least 32 characters long")
            return self.secret_key
        if not self.demo:
            raise SettingsError(
                "MAWID_SECRET_KEY is required outside demo mode (set MAWID_DEMO=1 to try Mawid)"
            )
        return kept_key(self.data_dir / "demo-secret.key")


def kept_key(path: Path) -> str:
    """A random key kept in ``path`` (mode 0600, its directory 0700), made on first use.

    Written whole to a private temporary file, then linked into place: when several workers start
    at once exactly one link wins, and nobody ever reads a half-written key. A key file left
    readable by an older version is made private again."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path.read_text().strip()


def _service_level(env: dict[str, str]) -> dict[str, Any]:
    """The staffing advice's service level: ``MAWID_SERVICE_LEVEL_TARGET`` of the people called
    within ``MAWID_SERVICE_LEVEL_MINUTES``."""
    try:
        target = float(env.get("MAWID_SERVICE_LEVEL_TARGET", "").strip() or "0.8")
        minutes = float(env.get("MAWID_SERVICE_LEVEL_MINUTES", "").strip() or "15")
    except ValueError:
        raise SettingsError(
            "MAWID_SERVICE_LEVEL_TARGET and MAWID_SERVICE_LEVEL_MINUTES must be numbers, e.g. 0.8 and 15"
        ) from None
    if not 0 < target < 1:
        raise SettingsError("MAWID_SERVICE_LEVEL_TARGET must lie strictly between 0 and 1, e.g. 0.8")
    if not 0 < minutes <= 24 * 60:
        raise SettingsError("MAWID_SERVICE_LEVEL_MINUTES must be more than 0 and at most 1440 minutes")
    return {"service_level_target": target, "service_level_minutes": minutes}


def _server(env: dict[str, str]) -> dict[str, Any]:
    """Where the server listens, what it stores in, and how it starts (README, "Configuration")."""
    try:
        port = int(env.get("MAWID_PORT", "8000"))
        workers = int(env.get("MAWID_WORKERS", "1"))
    except ValueError as error:
        raise SettingsError(f"MAWID_PORT and MAWID_WORKERS must be whole numbers: {error}") from None
    return {
        "database_url": env.get("MAWID_DATABASE_URL", ""),
        "redis_url": env.get("MAWID_REDIS_URL", ""),
        "redis_prefix": env.get("MAWID_REDIS_PREFIX", "mawid") or "mawid",
        "host": env.get("MAWID_HOST", "127.0.0.1"),
        "port": port,
        "secret_key": env.get("MAWID_SECRET_KEY", ""),
        "demo": _flag(env.get("MAWID_DEMO")),
        "data_dir": Path(env.get("MAWID_DATA_DIR", "var")),
        "clock": env.get("MAWID_CLOCK", ""),
        "workers": workers,
    }


def _connections(env: dict[str, str]) -> dict[str, Any]:
    """How long a connection may keep the server waiting, and how many it serves at once: the
    hall feed's ping, the request head and body deadlines, the connection cap."""
    try:
        ping = float(env.get("MAWID_DISPLAY_PING_SECONDS", "15"))
    except ValueError:
        raise SettingsError("MAWID_DISPLAY_PING_SECONDS must be a number of seconds") from None
    if not 0.05 <= ping <= 300:
        raise SettingsError("MAWID_DISPLAY_PING_SECONDS must be between 0.05 and 300")
    header_timeout = _seconds(env, "MAWID_HTTP_HEADER_TIMEOUT", 10.0)
    body_timeout = _seconds(env, "MAWID_HTTP_BODY_TIMEOUT", 20.0)
    try:
        max_connections = int(env.get("MAWID_MAX_CONNECTIONS", "1000"))
    except ValueError:
        raise SettingsError("MAWID_MAX_CONNECTIONS must be a whole number of connections") from None
    if max_connections < 1:
        raise SettingsError("MAWID_MAX_CONNECTIONS must be at least 1")
    return {
        "display_ping_seconds": ping,
        "http_header_timeout": header_timeout,
        "http_body_timeout": body_timeout,
        "max_connections": max_connections,
    }


def _database_pool(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_DATABASE_POOL``: ``SIZE+OVERFLOW`` (or ``SIZE`` alone, no overflow)."""
    raw = env.get("MAWID_DATABASE_POOL", "10+20").strip()
    size, _, overflow = raw.partition("+")
    try:
        pool = (int(size), int(overflow or "0"))
    except ValueError:
        raise SettingsError("MAWID_DATABASE_POOL must be SIZE+OVERFLOW, e.g. 10+20") from None
    if pool[0] < 1 or pool[1] < 0:
        raise SettingsError("MAWID_DATABASE_POOL needs at least 1 connection and no negative overflow")
    return {"database_pool": pool}


def _staff_login(env: dict[str, str]) -> dict[str, Any]:
    """A staff token's lifetime and the lock after wrong passwords (README, "Staff sign-in and sessions")."""
    try:
        token_hours = int(env.get("MAWID_TOKEN_HOURS", "8"))
        lockout_failures = int(env.get("MAWID_LOGIN_LOCKOUT_FAILURES", "5"))
    except ValueError:
        raise SettingsError(
            "MAWID_TOKEN_HOURS and MAWID_LOGIN_LOCKOUT_FAILURES must be whole numbers"
        ) from None
    if not 1 <= token_hours <= 24:
        raise SettingsError("MAWID_TOKEN_HOURS must be between 1 and 24 hours")
    if not 1 <= lockout_failures <= 100:
        raise SettingsError("MAWID_LOGIN_LOCKOUT_FAILURES must be between 1 and 100")
    lockout_seconds = _seconds(env, "MAWID_LOGIN_LOCKOUT_SECONDS", 60.0)
    lockout_max_seconds = _seconds(env, "MAWID_LOGIN_LOCKOUT_MAX_SECONDS", 3600.0)
    if lockout_max_seconds < lockout_seconds:
        raise SettingsError("MAWID_LOGIN_LOCKOUT_MAX_SECONDS must not be below MAWID_LOGIN_LOCKOUT_SECONDS")
    return {
        "token_hours": token_hours,
        "login_lockout_failures": lockout_failures,
        "login_lockout_seconds": lockout_seconds,
        "login_lockout_max_seconds": lockout_max_seconds,
    }


def _public_schema(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_PUBLIC_SCHEMA``: on or off as written; empty, on in demo mode only."""
    public_schema = env.get("MAWID_PUBLIC_SCHEMA", "").strip()
    if public_schema.lower() not in ("", *_TRUE, *_FALSE):
        raise SettingsError("MAWID_PUBLIC_SCHEMA must be 1 or 0 (or empty: on in demo mode only)")
    return {"public_schema": _flag(public_schema) if public_schema else _flag(env.get("MAWID_DEMO"))}


def _display_guard(env: dict[str, str]) -> dict[str, Any]:
    """Who may open a hall display's WebSocket, and how many at once (``api.display_guard``)."""
    try:
        sockets_per_address = int(env.get("MAWID_DISPLAY_SOCKETS_PER_ADDRESS", "20"))
    except ValueError:
        raise SettingsError("MAWID_DISPLAY_SOCKETS_PER_ADDRESS must be a whole number") from None
    if sockets_per_address < 1:
        raise SettingsError("MAWID_DISPLAY_SOCKETS_PER_ADDRESS must be at least 1")
    return {
        "display_sockets_per_address": sockets_per_address,
        "allowed_origins": _origins(env.get("MAWID_ALLOWED_ORIGINS", "")),
    }


def _counter_no_show(env: dict[str, str]) -> dict[str, Any]:
    """When a clerk may mark a called ticket as not having come (``queue_display.no_show``)."""
    values: dict[str, Any] = {}
    for field_name, name, default, highest in (
        ("counter_no_show_recalls", "MAWID_COUNTER_NO_SHOW_RECALLS", 2, 3),
        ("counter_no_show_minutes", "MAWID_COUNTER_NO_SHOW_MINUTES", 3, 60),
    ):
        raw = env.get(name, "").strip() or str(default)
        if not raw.isdigit() or int(raw) > highest:
            raise SettingsError(f"{name} must be a whole number from 0 to {highest} (0: no condition)")
        values[field_name] = int(raw)
    return values


def _remote_queue(env: dict[str, str]) -> dict[str, Any]:
    """Parked tickets and heads-up texts (README, "Wait from home")."""
    values: dict[str, Any] = {}
    for field_name, name, default, lowest, highest in (
        ("park_limit_minutes", "MAWID_PARK_LIMIT_MINUTES", 30, 1, 240),
        ("park_min_wait_minutes", "MAWID_PARK_MIN_WAIT_MINUTES", 5, 0, 60),
        ("heads_up_ahead", "MAWID_HEADS_UP_AHEAD", 3, 1, 20),
    ):
        raw = env.get(name, "").strip() or str(default)
        if not raw.isdigit() or not lowest <= int(raw) <= highest:
            raise SettingsError(f"{name} must be a whole number from {lowest} to {highest}")
        values[field_name] = int(raw)
    return values


def _client_limits(env: dict[str, str]) -> dict[str, Any]:
    """The rate limits, and the proxies whose word on a client's address is believed (the
    address is what the limits count by; README, "Rate limits and client address")."""
    from api.rate_limits import parse_limits  # here: that module imports the app's pieces

    try:
        rate_limits = parse_limits(env)
    except ValueError as error:
        raise SettingsError(str(error)) from None
    try:
        trusted_proxies = parse_networks(env.get("MAWID_TRUSTED_PROXIES", ""))
    except ValueError as error:
        raise SettingsError(f"MAWID_TRUSTED_PROXIES: {error}") from None
    return {"rate_limits": rate_limits, "trusted_proxies": trusted_proxies}


def _days(env: dict[str, str], name: str, default: int) -> int:
    try:
        value = int(env.get(name, str(default)))
    except ValueError:
        raise SettingsError(f"{name} must be a whole number of days, e.g. {default}") from None
    if not 1 <= value <= 3650:
        raise SettingsError(f"{name} must be between 1 and 3650 days")
    return value


def _personal_data(env: dict[str, str]) -> dict[str, Any]:
    """The identity keys and retention periods (README, "Keys and personal data")."""
    identity_key = env.get("MAWID_IDENTITY_KEY", "")
    old_keys = tuple(key.strip() for key in env.get("MAWID_IDENTITY_OLD_KEYS", "").split(",") if key.strip())
    if any(len(key) < 32 for key in old_keys):
        raise SettingsError("MAWID_IDENTITY_OLD_KEYS: each retired key has at least 32 characters")
    return {
        "identity_key": identity_key,
        "identity_key_required": not _flag(env.get("MAWID_DEMO")),
        "identity_old_keys": old_keys,
        "retention_visit_days": _days(env, "MAWID_RETENTION_VISIT_DAYS", 90),
        "retention_cancelled_days": _days(env, "MAWID_RETENTION_CANCELLED_DAYS", 30),
    }


def _public_url(value: str) -> str:
    """``MAWID_PUBLIC_URL`` without a trailing slash: an http(s) origin, perhaps with a path."""
    url = value.strip().rstrip("/")
    if not url:
        return ""
    scheme, _, rest = url.partition("://")
    if scheme not in ("http", "https") or not rest or any(c in rest for c in "?# @"):
        raise SettingsError("MAWID_PUBLIC_URL must be the site's address, e.g. https://mawid.moi.gov.eg")
    return url


def _scheduled_work(env: dict[str, str]) -> dict[str, Any]:
    """When the clock-driven work runs (``planning.scheduled_work``): the batches, the erasure,
    the reminders."""
    values: dict[str, Any] = {}
    for field_name, name, default, many in (
        ("batch_times", "MAWID_BATCH_TIMES", "02:00", True),
        ("purge_time", "MAWID_PURGE_TIME", "03:30", False),
        ("reminder_time", "MAWID_REMINDER_TIME", "18:00", False),
    ):
        raw = env.get(name, default) if many else env.get(name, "").strip() or default
        try:
            times = parse_times(raw)
        except ValueError as error:
            raise SettingsError(f"{name}: {error}") from None
        if not many and len(times) != 1:
            raise SettingsError(f"{name} must be one time of day like {default}")
        values[field_name] = times if many else times[0]
    return values


def _brokered(env: dict[str, str]) -> dict[str, Any]:
    """The thresholds of the report of brokered bookings (``booking.brokered``)."""
    values: dict[str, Any] = {}
    for field_name, name, default, lowest, highest in (
        ("brokered_window_minutes", "MAWID_BROKERED_WINDOW_MINUTES", 60, 1, 24 * 60),
        ("brokered_identities", "MAWID_BROKERED_IDENTITIES", 4, 2, 10_000),
        ("brokered_same_name", "MAWID_BROKERED_SAME_NAME", 3, 2, 10_000),
        ("brokered_lockstep_moves", "MAWID_BROKERED_LOCKSTEP_MOVES", 3, 2, 10_000),
    ):
        raw = env.get(name, "").strip() or str(default)
        if not raw.isdigit() or not lowest <= int(raw) <= highest:
            raise SettingsError(f"{name} must be a whole number from {lowest} to {highest}")
        values[field_name] = int(raw)
    values["brokered_lockstep_seconds"] = _seconds(env, "MAWID_BROKERED_LOCKSTEP_SECONDS", 10.0)
    return values


def _proof_of_work(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_POW`` and its thresholds and difficulties (``api/proof_of_work.py``)."""
    mode = env.get("MAWID_POW", "").strip().lower() or "adaptive"
    if mode not in ("off", "adaptive", "on"):
        raise SettingsError("MAWID_POW must be off, adaptive or on")
    values: dict[str, Any] = {"pow_mode": mode}
    for field_name, name, default, lowest, highest in (
        ("pow_window_seconds", "MAWID_POW_WINDOW_SECONDS", 10, 1, 300),
        ("pow_office_threshold", "MAWID_POW_OFFICE_THRESHOLD", 10, 1, 1_000_000),
        ("pow_system_threshold", "MAWID_POW_SYSTEM_THRESHOLD", 50, 1, 1_000_000),
        ("pow_difficulty", "MAWID_POW_DIFFICULTY", 50_000, 1_000, 10_000_000),
        ("pow_max_difficulty", "MAWID_POW_MAX_DIFFICULTY", 1_000_000, 1_000, 10_000_000),
    ):
        raw = env.get(name, "").strip().replace("_", "") or str(default)
        if not raw.isdigit() or not lowest <= int(raw) <= highest:
            raise SettingsError(f"{name} must be a whole number from {lowest} to {highest}")
        values[field_name] = int(raw)
    if values["pow_max_difficulty"] < values["pow_difficulty"]:
        raise SettingsError("MAWID_POW_MAX_DIFFICULTY must not be below MAWID_POW_DIFFICULTY")
    return values


def _metrics(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_METRICS`` and ``MAWID_METRICS_TOKEN`` (README, "Observability")."""
    switch = env.get("MAWID_METRICS", "").strip().lower() or "on"
    if switch not in _TRUE + _FALSE:
        raise SettingsError("MAWID_METRICS must be on or off")
    token = env.get("MAWID_METRICS_TOKEN", "").strip()
    if token and len(token) < 16:
        raise SettingsError("MAWID_METRICS_TOKEN must be at least 16 characters long (or empty)")
    return {"metrics": switch in _TRUE, "metrics_token": token}


def _demo_history(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_DEMO_HISTORY_WEEKS`` (README, "Demo data")."""
    raw = env.get("MAWID_DEMO_HISTORY_WEEKS", "").strip() or "6"
    if not raw.isdigit() or int(raw) > 52:
        raise SettingsError("MAWID_DEMO_HISTORY_WEEKS must be a whole number of weeks from 0 to 52 (0: none)")
    return {"demo_history_weeks": int(raw)}


def _feedback(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_FEEDBACK_DAYS`` (README, "Feedback after the visit")."""
    raw = env.get("MAWID_FEEDBACK_DAYS", "").strip() or "7"
    if not raw.isdigit() or not 1 <= int(raw) <= 90:
        raise SettingsError("MAWID_FEEDBACK_DAYS must be a whole number of days from 1 to 90")
    return {"feedback_days": int(raw)}


def _groups(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_GROUP_EXTRA_PEOPLE`` (README, "Several people, one appointment")."""
    raw = env.get("MAWID_GROUP_EXTRA_PEOPLE", "").strip() or "5"
    if not raw.isdigit() or not 0 <= int(raw) <= 20:
        raise SettingsError("MAWID_GROUP_EXTRA_PEOPLE must be a whole number from 0 to 20")
    return {"group_extra_people": int(raw)}


def _delivery(env: dict[str, str]) -> dict[str, Any]:
    """The sender and its channels (README, "Delivery of messages")."""
    sender = env.get("MAWID_SENDER", "").strip().lower() or "inline"
    if sender not in ("inline", "off"):
        raise SettingsError("MAWID_SENDER must be inline or off")
    sms_url, sms_token = env.get("MAWID_SMS_URL", "").strip(), env.get("MAWID_SMS_TOKEN", "").strip()
    if sms_url and not sms_url.startswith(("http://", "https://")):
        raise SettingsError("MAWID_SMS_URL must be an http:// or https:// URL")
    if sms_url and not sms_token:
        raise SettingsError("MAWID_SMS_TOKEN is required with MAWID_SMS_URL (the gateway's bearer token)")
    smtp_url, mail_from = env.get("MAWID_SMTP_URL", "").strip(), env.get("MAWID_MAIL_FROM", "").strip()
    if smtp_url:
        try:
            SmtpServer.from_url(smtp_url)
        except ValueError as error:
            raise SettingsError(
                f"MAWID_SMTP_URL: {error}; write e.g. smtp://user:password@host:587?starttls=1"
            ) from None
        if "@" not in mail_from:
            raise SettingsError("MAWID_MAIL_FROM is required with MAWID_SMTP_URL, e.g. mawid@example.gov.eg")
    values: dict[str, Any] = {
        "sender": sender,
        "sms_url": sms_url,
        "sms_token": sms_token,
        "smtp_url": smtp_url,
        "mail_from": mail_from,
    }
    for field_name, name, default, highest in (
        ("delivery_attempts", "MAWID_DELIVERY_ATTEMPTS", 8, 100),
        ("delivery_concurrency", "MAWID_DELIVERY_CONCURRENCY", 16, 256),
    ):
        raw = env.get(name, "").strip() or str(default)
        if not raw.isdigit() or not 1 <= int(raw) <= highest:
            raise SettingsError(f"{name} must be a whole number from 1 to {highest}")
        values[field_name] = int(raw)
    return values


def _verification(env: dict[str, str]) -> dict[str, Any]:
    """``MAWID_PHONE_VERIFICATION`` (README, "Verified mobiles"): on unless set off."""
    switch = env.get("MAWID_PHONE_VERIFICATION", "").strip().lower() or "on"
    if switch not in _TRUE + _FALSE:
        raise SettingsError("MAWID_PHONE_VERIFICATION must be on or off")
    return {"phone_verification": switch in _TRUE}


def _second_chance(env: dict[str, str]) -> dict[str, Any]:
    """The waitlist's offers and the reconfirmation (README, "Waitlist" and "Reconfirmation")."""
    from booking.services import SERVICES  # the catalogue the codes must name

    raw = env.get("MAWID_WAITLIST_OFFER_MINUTES", "").strip() or "30"
    try:
        minutes = float(raw)
    except ValueError:
        minutes = -1.0
    if not 0 <= minutes <= 24 * 60:
        raise SettingsError(
            "MAWID_WAITLIST_OFFER_MINUTES must be minutes from 0 to 1440, e.g. 30 (0: no offers)"
        )
    default = "passport-renewal" if _flag(env.get("MAWID_DEMO")) else ""
    named = env.get("MAWID_RECONFIRM_SERVICES", default)
    services = tuple(dict.fromkeys(code.strip() for code in named.split(",") if code.strip()))
    unknown = [code for code in services if code not in SERVICES]
    if unknown:
        raise SettingsError(
            f"MAWID_RECONFIRM_SERVICES: unknown service {unknown[0]!r}; write codes like passport-renewal"
        )
    window = env.get("MAWID_RECONFIRM_WINDOW", "").strip() or "10-3"
    ask, _, until = window.partition("-")
    if not (ask.isdigit() and until.isdigit() and 1 <= int(until) < int(ask) <= 60):
        raise SettingsError(
            "MAWID_RECONFIRM_WINDOW must be ASK-UNTIL days before the visit with "
            "1 <= UNTIL < ASK <= 60, e.g. 10-3"
        )
    return {
        "waitlist_offer_minutes": minutes,
        "reconfirm_services": services,
        "reconfirm_window_days": (int(ask), int(until)),
    }
