"""The client's address: X-Forwarded-For believed only from our own proxies, and only as far as they
wrote it."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar, Request
from litestar.datastructures import State

from api.client_address import UNKNOWN, address_from, client_address, parse_networks
from api.settings import Settings, SettingsError

PROXIES = parse_networks("10.0.0.0/8, 127.0.0.1, fd00::/8")


def test_an_untrusted_peer_is_the_client_whatever_it_forwards() -> None:
    assert address_from("203.0.113.7", ["1.1.1.1"], PROXIES) == "203.0.113.7"
    assert address_from("203.0.113.7", [], ()) == "203.0.113.7"


def test_no_trusted_proxies_means_the_header_is_never_believed() -> None:
    assert address_from("127.0.0.1", ["198.51.100.4"], ()) == "127.0.0.1"


def test_a_trusted_peer_names_the_right_most_untrusted_entry() -> None:
    # The client made up "1.1.1.1"; our proxy appended the address it really saw.
    assert address_from("10.1.2.3", ["1.1.1.1, 198.51.100.4"], PROXIES) == "198.51.100.4"


def test_chains_of_our_own_proxies_are_walked_through() -> None:
    header = ["6.6.6.6, 198.51.100.4, 10.9.9.9, 127.0.0.1"]
    assert address_from("10.0.0.1", header, PROXIES) == "198.51.100.4"


def test_several_header_lines_read_as_one_list_in_order() -> None:
    assert address_from("10.0.0.1", ["6.6.6.6", "198.51.100.4, 10.2.2.2"], PROXIES) == "198.51.100.4"


def test_a_trusted_peer_without_the_header_is_the_client() -> None:
    assert address_from("10.0.0.1", [], PROXIES) == "10.0.0.1"


def test_when_every_hop_is_ours_the_left_most_is_the_client() -> None:
    assert address_from("10.0.0.1", ["10.5.5.5, 10.6.6.6"], PROXIES) == "10.5.5.5"


def test_an_entry_that_is_no_address_stops_the_walk_at_the_last_readable_hop() -> None:
    assert address_from("10.0.0.1", ["198.51.100.4, bogus, 10.2.2.2"], PROXIES) == "10.2.2.2"
    assert address_from("10.0.0.1", ["<script>"], PROXIES) == "10.0.0.1"


def test_ports_brackets_and_mapped_addresses_are_normalised() -> None:
    assert address_from("10.0.0.1", ["198.51.100.4:5555"], PROXIES) == "198.51.100.4"
    assert address_from("10.0.0.1", ["[2001:db8::1]:443"], PROXIES) == "2001:db8::1"
    assert address_from("::ffff:10.0.0.1", ["::ffff:198.51.100.4"], PROXIES) == "198.51.100.4"
    assert address_from("fd00::5", ["2001:DB8:0::1"], PROXIES) == "2001:db8::1"


def test_a_peer_that_is_not_an_address_or_missing() -> None:
    assert address_from("testclient", ["198.51.100.4"], PROXIES) == "testclient"
    assert address_from(None, ["198.51.100.4"], PROXIES) == UNKNOWN


def _request(peer: str, forwarded: list[str], settings: Settings | None) -> Request[Any, Any, Any]:
    app = Litestar(state=State({"settings": settings} if settings else {}))
    scope: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "path": "/",
        "raw_path": b"/",
        "query_string": b"",
        "headers": [(b"x-forwarded-for", value.encode()) for value in forwarded],
        "client": (peer, 40000),
        "server": ("127.0.0.1", 8000),
        "scheme": "http",
        "app": app,
        "litestar_app": app,
        "state": {},
    }
    return Request(scope)  # type: ignore[arg-type]


def test_client_address_reads_the_apps_settings() -> None:
    settings = Settings(trusted_proxies=parse_networks("127.0.0.1/32"))
    assert client_address(_request("127.0.0.1", ["198.51.100.4"], settings)) == "198.51.100.4"
    assert client_address(_request("192.0.2.1", ["198.51.100.4"], settings)) == "192.0.2.1"
    assert client_address(_request("127.0.0.1", ["198.51.100.4"], Settings())) == "127.0.0.1"
    assert client_address(_request("127.0.0.1", ["198.51.100.4"], None)) == "127.0.0.1"


def test_the_setting_is_parsed_and_checked() -> None:
    settings = Settings.from_env({"MAWID_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1 ,::1"})
    assert [str(n) for n in settings.trusted_proxies] == ["10.0.0.0/8", "127.0.0.1/32", "::1/128"]
    assert Settings.from_env({}).trusted_proxies == ()
    with pytest.raises(SettingsError, match=r"MAWID_TRUSTED_PROXIES.*'example\.org'"):
        Settings.from_env({"MAWID_TRUSTED_PROXIES": "10.0.0.0/8,example.org"})


def test_a_connection_is_read_once() -> None:
    settings = Settings(trusted_proxies=parse_networks("127.0.0.1/32"))
    request = _request("127.0.0.1", ["198.51.100.4"], settings)
    assert client_address(request) == "198.51.100.4"
    request.scope["headers"] = [(b"x-forwarded-for", b"203.0.113.9")]  # nothing re-reads it
    assert client_address(request) == "198.51.100.4"
    assert client_address(_request("127.0.0.1", ["203.0.113.9"], settings)) == "203.0.113.9"
