"""URLs: a real HTTP server on 127.0.0.1 serves pages and a feed; private addresses refused."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from trucewatch.errors import InputError
from trucewatch.ingest import Options, ingest
from trucewatch.ingest.fetch import fetch
from trucewatch.store import Document, Store

PAGE = b"""<!DOCTYPE html><html><head><title>Night patrol | Ridge Gazette</title>
<meta property="og:site_name" content="Ridge Gazette">
<meta property="article:published_time" content="2020-03-16T07:00:00Z">
</head><body><article><h1>Night patrol</h1>
<p>The first joint patrol drove the length of the highway overnight without incident,
the two commands said in a short statement issued at dawn.</p>
<p>Crowds gathered at one junction and slowed the convoy for about an hour before it
turned back toward the western checkpoint.</p></article></body></html>"""

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ridge Gazette</title>
<id>urn:example:ridge</id><updated>2020-03-17T00:00:00Z</updated>
<entry><title>Road reopened</title><id>urn:example:1</id>
<link href="http://ridge.example/road"/><updated>2020-03-17T09:00:00Z</updated>
<summary>Engineers reopened the mountain road after clearing the rubble.</summary></entry>
<entry><title>Market busy</title><id>urn:example:2</id>
<link href="http://ridge.example/market"/><updated>2020-03-17T10:00:00Z</updated>
<summary>The Saturday market was busier than at any time since the winter.</summary></entry>
</feed>"""


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(200):  # no Content-Length: the reader must count as it goes
                self.wfile.write(b"x" * 1000 + b"\n")
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = {
        "/page.html": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
        "/feed": (200, {"Content-Type": "application/atom+xml"}, FEED),
        "/moved": (302, {"Location": "/page.html"}, b""),
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-loopback": (302, {"Location": f"http://127.0.0.2:{httpd.server_address[1]}/"}, b""),
        "/to-private": (301, {"Location": "http://10.1.2.3/admin"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/circle": (302, {"Location": "/circle"}, b""),
        "/big": (200, {"Content-Type": "text/plain"}, b"y" * 300_000),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


LOCAL_ONLY = Options(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trucewatch", *args, "--db", str(cwd / "tw.db"), "--json"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")},
        timeout=120,
    )


def test_pages_and_feeds_are_ingested_with_allow_private(server: str, tmp_path: Path) -> None:
    done = _run("ingest", f"{server}/page.html", f"{server}/feed", "--allow-private", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["ingested"], result["failed"], result["undated"]) == (3, [], [])
    listed = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "trucewatch",
                "documents",
                "--json",
                "--db",
                str(tmp_path / "tw.db"),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )["documents"]
    by_title = {d["title"]: d for d in listed}
    assert by_title["Night patrol"]["outlet"] == "Ridge Gazette"
    assert by_title["Night patrol"]["source_kind"] == "html"
    assert by_title["Night patrol"]["url"] == f"{server}/page.html"
    assert by_title["Road reopened"]["published"] == "2020-03-17T09:00:00+00:00"
    assert by_title["Market busy"]["url"] == "http://ridge.example/market"


def test_without_allow_private_loopback_is_refused(server: str, tmp_path: Path) -> None:
    done = _run("ingest", f"{server}/page.html", f"{server}/feed", cwd=tmp_path)
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["ingested"] == 0
    assert [f["source"] for f in result["failed"]] == [f"{server}/page.html", f"{server}/feed"]
    for failure in result["failed"]:
        assert failure["error"] == (
            "refused: 127.0.0.1 is 127.0.0.1, a loopback address; trucewatch fetches only "
            "public addresses (give --allow-private to fetch from your own network)"
        )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-metadata", "169.254.169.254 is 169.254.169.254, a link-local address"),
        ("/to-loopback", "127.0.0.2 is 127.0.0.2, a loopback address"),
        ("/to-private", "10.1.2.3 is 10.1.2.3, a private address"),
        ("/to-file", "file:// URLs are not fetched"),
        ("/circle", "more than 5 redirects"),
        ("/nowhere", "the server answered 404 Not Found"),
    ],
)
def test_each_redirect_hop_is_checked(server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        fetch(server + path, LOCAL_ONLY)


def test_a_redirect_within_allowed_addresses_is_followed(server: str, store: Store) -> None:
    result = ingest([f"{server}/moved"], store, LOCAL_ONLY)
    assert result.ok and len(result.ingested) == 1
    with store.session() as s:
        (doc,) = s.query(Document).all()
    assert doc.source == f"{server}/moved"
    assert doc.url == f"{server}/page.html"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "file:// URLs are not fetched"),
        ("ftp://127.0.0.1/x", "ftp:// URLs are not fetched"),
        ("http://0.0.0.0/", "an unspecified address"),
        ("http://[::1]/", "a loopback address"),
        ("http://[::ffff:10.0.0.1]/", "a private address"),
        ("http://224.0.0.1/", "a multicast address"),
        ("http://no-such-host.invalid/", "cannot resolve the host"),
    ],
)
def test_refused_without_any_request(url: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        fetch(url, Options())


def test_size_and_time_limits(server: str) -> None:
    small = Options(allowed_networks=LOCAL_ONLY.allowed_networks, max_bytes=100_000)
    with pytest.raises(InputError, match=re.escape("the page is 0.3 MB, over the 0.1 MB limit")):
        fetch(f"{server}/big", small)
    with pytest.raises(InputError, match=re.escape("over the 0.1 MB limit; stopped reading")):
        fetch(f"{server}/chunked", small)
    hasty = Options(allowed_networks=LOCAL_ONLY.allowed_networks, timeout=0.5)
    with pytest.raises(InputError, match=re.escape("timed out after 0.5 s")):
        fetch(f"{server}/slow", hasty)
