"""The address of the client of a request, as far as it can be trusted.

Behind the TLS proxy of the deployment (``letapis serve`` on loopback, nginx or Caddy in front),
every request comes from the proxy's address; the client's is in ``X-Forwarded-For``, which the
proxy appends to. That header is believed only when the direct peer is a trusted proxy
(``settings.TRUSTED_PROXIES``, from ``LETAPIS_TRUSTED_PROXIES``), and then only up to the first
address that is not a trusted proxy, read from the right: everything left of it was written by
the client itself and may be anything. A client talking to the server directly cannot choose
its address by sending the header.

django-axes locks failed logins by (username, this address) (``AXES_CLIENT_IP_CALLABLE``), so
wrong passwords lock the address they came from, not the account.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parse(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 198.51.100.7:443
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:198.51.100.7 is 198.51.100.7
    return address


def _trusted(address: Address) -> bool:
    return any(address.version == net.version and address in net for net in settings.TRUSTED_PROXIES)


def client_address(request: Any) -> str | None:
    """The client's IP address: the direct peer, or — when the peer is a trusted proxy — the
    right-most address of ``X-Forwarded-For`` that is not a trusted proxy."""
    peer = _parse(str(request.META.get("REMOTE_ADDR") or ""))
    if peer is None:
        return None
    found = peer
    if _trusted(peer):
        hops = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        for text in reversed(hops):
            if text.strip() == "":
                continue
            hop = _parse(text)
            if hop is None:  # not an address: stop at the last hop that was one
                break
            found = hop
            if not _trusted(hop):
                break
    return str(found)
