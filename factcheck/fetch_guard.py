"""The network side of :mod:`factcheck.fetch`: the private-address guard and the httpx client.

With ``allow_private=False`` (the web desk's SSRF guard) a host is refused when any of its addresses is
loopback, private, link-local, multicast, reserved, unspecified or otherwise not global (IPv4 inside IPv6
judged as IPv4). :mod:`factcheck.fetch` checks every redirect hop with :func:`resolve_checked` before the
request, and the client made by :func:`client` resolves and checks again when it opens a connection, then
connects to a checked address, so a DNS answer that changes between the check and the connection (DNS
rebinding) cannot lead it to a private address. httpx is imported only when a client is made.

Example:
    >>> blocked_reason("169.254.169.254"), blocked_reason("8.8.8.8")
    ('link-local', None)
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import threading
from typing import TYPE_CHECKING, Any

from .errors import BlockedAddressError

if TYPE_CHECKING:
    import httpx

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"


def blocked_reason(address: str) -> str | None:
    """Why ``address`` may not be fetched with ``allow_private=False`` ("loopback", "private"...), or None.

    IPv4 addresses inside IPv6 ones (``::ffff:127.0.0.1``, 6to4, NAT64) are judged by the IPv4 address.

    Example:
        >>> blocked_reason("127.0.0.1"), blocked_reason("::ffff:10.0.0.1"), blocked_reason("93.184.216.34")
        ('loopback', 'private', None)
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return blocked_reason(str(inner))
    for test in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{test}"):
            return test.replace("_", "-")
    return None if ip.is_global else "non-public"


def resolve_checked(host: str, port: int, allow_private: bool, timeout: float | None = None) -> list[str]:
    """The addresses of ``host``; with ``allow_private=False`` refuse the host if any of them is blocked.

    Raises:
        socket.gaierror: the name does not resolve (UnicodeError: IDNA cannot encode it).
        TimeoutError: no DNS answer within ``timeout`` seconds (the lookup goes on in a daemon thread).
        BlockedAddressError: a blocked address (the message names host, address and why; no URL).
    """
    infos = _getaddrinfo(host, port, timeout)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            reason = blocked_reason(address)
            if reason:
                what = f"{host} is" if host.strip("[]") == address else f"{host} resolves to {address},"
                raise BlockedAddressError(f"{what} a {reason} address")
    return addresses


def _getaddrinfo(host: str, port: int, timeout: float | None) -> list[Any]:
    if timeout is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    box: list[Any] = []

    def lookup() -> None:
        try:
            box.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            box.append(exc)

    worker = threading.Thread(target=lookup, daemon=True, name=f"dns {host}")
    worker.start()
    worker.join(timeout)
    if not box:
        raise TimeoutError(f"no DNS answer for {host} within {timeout:g} s")
    if isinstance(box[0], BaseException):
        raise box[0]
    return list(box[0])


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch (loading the CA bundle costs about 20 ms a time)."""
    try:
        import certifi  # httpx's own CA bundle

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        return ssl.create_default_context()


def client(allow_private: bool, user_agent: str, timeout_s: float) -> httpx.Client:
    """An httpx client that follows no redirects.

    With ``allow_private=True`` (the CLI, the library, batch) it takes ``HTTP_PROXY`` / ``HTTPS_PROXY`` /
    ``ALL_PROXY`` / ``NO_PROXY`` from the environment, as curl does (a newsroom behind a proxy). With
    ``allow_private=False`` it reads no proxy (a proxy would resolve and connect for it, past the check) and
    connects only to addresses that :func:`resolve_checked` passed.
    """
    import httpx

    headers = {"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}  # what fetch inflates
    if allow_private:
        return httpx.Client(verify=_ssl_context(), trust_env=True, headers=headers, follow_redirects=False,
                            timeout=httpx.Timeout(timeout_s))
    import httpcore

    transport = httpx.HTTPTransport(verify=_ssl_context(), retries=0)

    class Guarded(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> Any:
            error: Exception | None = None
            for address in resolve_checked(host, port, False, timeout):
                try:
                    return super().connect_tcp(address, port, timeout, local_address, socket_options)
                except httpcore.ConnectError as exc:
                    error = exc
            raise error or httpcore.ConnectError(f"no address for {host}")

    pool = getattr(transport, "_pool", None)  # httpx has no public hook for httpcore's network backend
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = Guarded()
    return httpx.Client(transport=transport, trust_env=False, headers=headers, follow_redirects=False,
                        timeout=httpx.Timeout(timeout_s))
