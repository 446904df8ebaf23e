"""The client address of a request: X-Forwarded-For only through a trusted proxy."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from django.test import RequestFactory

from letapis.accounts.client import client_address


@pytest.fixture(autouse=True)
def _proxies(settings: Any) -> None:
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("10.0.0.0/8")]


def address(peer: str, forwarded: str | None = None) -> str | None:
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().post("/login/", **extra))


def test_a_forged_header_from_an_untrusted_peer_is_ignored() -> None:
    assert address("203.0.113.9", "198.51.100.7") == "203.0.113.9"
    assert address("203.0.113.9", "127.0.0.1") == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_of_the_header_is_used() -> None:
    assert address("127.0.0.1", "198.51.100.7") == "198.51.100.7"
    assert address("127.0.0.1") == "127.0.0.1"  # no header: the proxy itself (or a local client)


def test_what_a_client_wrote_left_of_the_proxy_s_entry_is_not_believed() -> None:
    # the client sent "X-Forwarded-For: 192.0.2.1"; nginx appended the address it saw
    assert address("127.0.0.1", "192.0.2.1, 198.51.100.7") == "198.51.100.7"
    # a client that claims to be a trusted proxy gains nothing: its own address is the right-most untrusted
    assert address("127.0.0.1", "192.0.2.1, 10.9.9.9, 198.51.100.7") == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_to_the_client() -> None:
    assert address("127.0.0.1", "198.51.100.7, 10.1.2.3") == "198.51.100.7"
    assert address("127.0.0.1", "10.1.2.3, 10.4.5.6") == "10.1.2.3"  # only proxies: the farthest


def test_odd_forms_of_addresses() -> None:
    assert address("127.0.0.1", "[2001:db8::7]:443") == "2001:db8::7"
    assert address("127.0.0.1", "198.51.100.7:5555") == "198.51.100.7"
    assert address("::ffff:127.0.0.1", "198.51.100.7") == "198.51.100.7"
    assert address("127.0.0.1", "unknown") == "127.0.0.1"  # not an address: the last one that was
    assert address("127.0.0.1", "198.51.100.7, garbage") == "127.0.0.1"


def test_no_trusted_proxy_means_the_peer_always(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert address("127.0.0.1", "198.51.100.7") == "127.0.0.1"
