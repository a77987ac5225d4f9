"""Serve a Turtle export over the SPARQL 1.1 protocol with the Oxigraph server (``pip install oxigraph``).

Why a real server: tools such as YASGUI, Protégé or any SPARQL client talk
HTTP. ``start_server`` loads the file into an on-disk Oxigraph store
(``oxigraph load``) and starts ``oxigraph serve-read-only`` on loopback, so
nothing can change the graph over HTTP; queries go to ``http://HOST:PORT/query``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.vocab import PREFIXES

__all__ = ["Server", "ServeError", "find_oxigraph", "sparql_select", "start_server"]


class ServeError(KGError):
    """The SPARQL server could not be started or answered with an error."""


def find_oxigraph() -> str:
    """The ``oxigraph`` server binary: beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the SPARQL server needs the Oxigraph binary: pip install oxigraph")
    return found


@dataclass
class Server:
    """A running Oxigraph server; ``stop()`` ends it and removes a store it created."""

    process: subprocess.Popen[bytes]
    url: str
    location: Path
    _owned: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._owned is not None:
            self._owned.cleanup()
            self._owned = None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(graph: str | os.PathLike[str], port: int = 7878, host: str = "127.0.0.1",
                 location: str | os.PathLike[str] | None = None, timeout: float = 30.0) -> Server:
    """Load ``graph`` into a store at ``location`` (a temporary folder by default) and serve it."""
    graph_path = Path(graph)
    if not graph_path.is_file():
        raise ServeError(f"{graph_path}: no such graph file")
    binary = find_oxigraph()
    owned = None
    if location is None:
        owned = tempfile.TemporaryDirectory(prefix="kg-oxigraph-")
        location = owned.name
    loc = Path(location)
    loaded = subprocess.run([binary, "load", "--location", str(loc), "--file", str(graph_path)],
                            capture_output=True, text=True)
    if loaded.returncode != 0:
        if owned:
            owned.cleanup()
        raise ServeError(f"{graph_path}: oxigraph load failed: {loaded.stderr.strip().splitlines()[-1:]}")
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(loc), "--bind", f"{host}:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = Server(proc, f"http://{host}:{port}", loc, owned)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
            server.stop()
            raise ServeError(f"oxigraph serve exited: {err or proc.returncode}")
        try:
            sparql_select(server.query_url, "ASK {}", prefixes=False)
            return server
        except (OSError, ServeError):
            time.sleep(0.1)
    server.stop()
    raise ServeError(f"oxigraph serve did not answer on {server.url} within {timeout:.0f} s")


def sparql_select(endpoint: str, query: str, prefixes: bool = True,
                  timeout: float = 30.0) -> tuple[list[str], list[list[str]]]:
    """POST a query to a SPARQL endpoint; column names and string rows (ASK: one row, true/false)."""
    text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + query if prefixes else query
    req = urllib.request.Request(endpoint, data=text.encode("utf-8"), method="POST", headers={
        "Content-Type": "application/sparql-query; charset=utf-8",
        "Accept": "application/sparql-results+json",
    })
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = json.load(resp)
    except urllib.error.HTTPError as exc:
        raise ServeError(f"{endpoint}: HTTP {exc.code}: {exc.read().decode(errors='replace')[:200]}") from None
    if "boolean" in data:
        return ["boolean"], [[str(data["boolean"]).lower()]]
    cols = list(data["head"]["vars"])
    rows = [[b[c]["value"] if c in b else "" for c in cols] for b in data["results"]["bindings"]]
    return cols, rows
