"""Fetching a URL safely: http(s) only, public addresses only, redirects checked hop by hop.

Each hop's host is resolved once, every address it resolves to is checked, and the
request goes to the checked address (the name is kept for the Host header and TLS), so a
second, different DNS answer cannot slip a private address in between check and use.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from trucewatch.errors import InputError
from trucewatch.ingest.records import Options, Raw
from trucewatch.ingest.sources import megabytes

__all__ = ["MAX_REDIRECTS", "address_problem", "fetch"]

MAX_REDIRECTS = 5
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_USER_AGENT = "trucewatch (ceasefire monitoring; +https://github.com/trucewatch)"


def address_problem(address: Address, options: Options) -> str | None:
    """Why ``address`` may not be fetched, or None when it may.

    >>> address_problem(ipaddress.ip_address("127.0.0.1"), Options())
    'a loopback address'
    >>> address_problem(ipaddress.ip_address("93.184.215.14"), Options()) is None
    True
    """
    if options.allow_private or any(address in net for net in options.allowed_networks):
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address_problem(address.ipv4_mapped, options)
    for test, kind in (
        (address.is_loopback, "a loopback"),
        (address.is_link_local, "a link-local"),
        (address.is_multicast, "a multicast"),
        (address.is_unspecified, "an unspecified"),
        (address.is_private, "a private"),
        (address.is_reserved, "a reserved"),
        (not address.is_global, "a non-public"),
    ):
        if test:
            return f"{kind} address"
    return None


def _resolve(host: str, port: int) -> list[Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve the host {host!r}: {exc}") from None
    found: list[Address] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    if not found:
        raise InputError(f"cannot resolve the host {host!r}: no address")
    return found


def _checked(url: httpx.URL, options: Options) -> Address:
    if url.scheme not in ("http", "https"):
        raise InputError(
            f"refused: {url.scheme}:// URLs are not fetched; only http:// and https:// are"
        )
    if not url.host:
        raise InputError("expected a URL with a host, such as https://example.org/report")
    host = url.raw_host.decode("ascii")
    addresses = _resolve(host, url.port or (443 if url.scheme == "https" else 80))
    for address in addresses:
        problem = address_problem(address, options)
        if problem is not None:
            raise InputError(
                f"refused: {url.host} is {address}, {problem}; trucewatch fetches only "
                "public addresses (give --allow-private to fetch from your own network)"
            )
    return addresses[0]


@contextmanager
def _client(options: Options, transport: httpx.BaseTransport | None) -> Iterator[httpx.Client]:
    verify: ssl.SSLContext | bool = True  # the certificate authorities httpx bundles
    if options.ca_file is not None:
        try:
            verify = ssl.create_default_context(cafile=str(options.ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise InputError(
                f"{options.ca_file}: cannot be read as PEM certificate authorities ({exc})"
            ) from None
    with httpx.Client(
        verify=verify,
        timeout=httpx.Timeout(options.timeout),
        follow_redirects=False,
        headers={"User-Agent": _USER_AGENT},
        transport=transport,
        trust_env=False,  # a proxy would resolve names itself and defeat the address check
        # No connection reuse: a TLS connection verified for one host name must not carry
        # a redirected request for another name that happens to share its address.
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as client:
        yield client


def fetch(url: str, options: Options, *, transport: httpx.BaseTransport | None = None) -> Raw:
    """The body of ``url`` after checked redirects, within the time and size limits."""
    deadline = time.monotonic() + options.timeout
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InputError(f"not a URL: {exc}") from None
    with _client(options, transport) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            address = _checked(current, options)
            pinned = current.copy_with(host=str(address))
            headers = {"Host": current.netloc.decode("ascii")}
            sni = current.raw_host.decode("ascii")
            extensions = {"sni_hostname": sni} if current.scheme == "https" else {}
            try:
                with client.stream("GET", pinned, headers=headers, extensions=extensions) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location", "")
                        current = current.join(location)
                        continue
                    if resp.status_code >= 400:
                        raise InputError(
                            f"the server answered {resp.status_code} {resp.reason_phrase}"
                        )
                    data = _body(resp, options, deadline)
                    content_type = resp.headers.get("content-type")
            except httpx.TimeoutException:
                raise InputError(
                    f"timed out after {options.timeout:g} s; try again, or raise --timeout"
                ) from None
            except httpx.HTTPError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise InputError(
                        f"cannot fetch: the certificate of {current.host} is not trusted for "
                        f"that name ({exc}); give --ca-file FILE if the site uses your own "
                        "certificate authority"
                    ) from None
                raise InputError(f"cannot fetch: {exc}") from None
            name = current.path.rsplit("/", 1)[-1] or "index"
            return Raw(
                source=url, name=name, data=data, content_type=content_type, url=str(current)
            )
    raise InputError(f"refused: more than {MAX_REDIRECTS} redirects")


def _body(resp: httpx.Response, options: Options, deadline: float) -> bytes:
    limit = options.max_bytes
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputError(
            f"refused: the page is {megabytes(int(declared))}, over the {megabytes(limit)} limit"
        )
    body = bytearray()
    for chunk in resp.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise InputError(
                f"refused: the page is over the {megabytes(limit)} limit; stopped reading"
            )
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the whole download took too long")
    return bytes(body)
