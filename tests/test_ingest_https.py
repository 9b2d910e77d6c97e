"""https:// URLs: a real TLS server on 127.0.0.1 with a certificate authority made for the test.

The fetcher connects to the address it checked, not to a second DNS answer, and must still
check the certificate against the name in the URL.
"""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.errors import InputError
from trucewatch.ingest import Options
from trucewatch.ingest.fetch import fetch

BODY = b"Monitors crossed the line at dawn and counted no shots until noon.\n"


@dataclass(frozen=True)
class _Authority:
    ca: Path
    cert: Path
    key: Path


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> _Authority:
    """A certificate authority, and a server certificate it signed for "localhost" only."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed (.ci/run installs it)")
    d = tmp_path_factory.mktemp("tls")
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=trucewatch test authority",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=d,
    )  # fmt: skip
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost",
        cwd=d,
    )  # fmt: skip
    (d / "server.ext").write_text(
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid\n"
    )
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-out", "server.pem", "-extfile", "server.ext",
        cwd=d,
    )  # fmt: skip
    return _Authority(d / "ca.pem", d / "server.pem", d / "server.key")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def port(authority: _Authority) -> Iterator[int]:
    """A TLS server on 127.0.0.1 presenting the certificate for "localhost"."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(authority.cert, authority.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_page_is_fetched_over_tls_from_a_trusted_authority(
    authority: _Authority, port: int
) -> None:
    options = Options(allow_private=True, ca_file=authority.ca)
    raw = fetch(f"https://localhost:{port}/ceasefire.txt", options)
    assert raw.data == BODY
    assert raw.name == "ceasefire.txt" and raw.url == f"https://localhost:{port}/ceasefire.txt"


def test_a_certificate_no_trusted_authority_signed_is_refused(port: int) -> None:
    with pytest.raises(InputError, match=r"certificate of localhost is not trusted.*--ca-file"):
        fetch(f"https://localhost:{port}/ceasefire.txt", Options(allow_private=True))


def test_a_certificate_for_another_name_is_refused(authority: _Authority, port: int) -> None:
    # The same server and authority, asked for by its address: the certificate names only
    # "localhost", so the name check must fail although the connection goes to the same
    # place the checked name would.
    options = Options(allow_private=True, ca_file=authority.ca)
    with pytest.raises(InputError, match=r"certificate of 127\.0\.0\.1 is not trusted"):
        fetch(f"https://127.0.0.1:{port}/ceasefire.txt", options)


def test_an_unreadable_authority_file_is_a_clear_error(tmp_path: Path, port: int) -> None:
    bad = tmp_path / "authority.pem"
    bad.write_text("this is not a certificate\n")
    options = Options(allow_private=True, ca_file=bad)
    with pytest.raises(InputError, match=r"authority\.pem: cannot be read as PEM certificate"):
        fetch(f"https://localhost:{port}/ceasefire.txt", options)


def test_ingest_and_run_take_the_authority_on_the_command_line(
    authority: _Authority, port: int, tmp_path: Path
) -> None:
    url = f"https://localhost:{port}/ceasefire.txt"
    db = str(tmp_path / "tw.db")
    runner = CliRunner()
    refused = runner.invoke(app, ["ingest", url, "--allow-private", "--db", db, "--json"])
    assert refused.exit_code == 1
    assert "not trusted" in json.loads(refused.stdout)["failed"][0]["error"]
    done = runner.invoke(
        app,
        ["ingest", url, "--allow-private", "--ca-file", str(authority.ca), "--db", db, "--json"],
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["ingested"] == 1
    missing = runner.invoke(app, ["run", url, "--agreement", "a.yaml", "--ca-file", "no.pem"])
    assert missing.exit_code == 2 and "--ca-file" in missing.output
