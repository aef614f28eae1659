"""No network access anywhere in the app: nothing opens a socket.

Two checks. Statically, no module of ``council_app`` imports a networking module. At run time,
a guard refuses and records every attempt to resolve a name or connect while the command line
works through all it can do; the GUI's sweep (in ``tests/ui/test_hostile_environment_ui.py``)
uses the same guard. The guard works at two levels: the ``socket`` functions are replaced by
ones that refuse, and a Python audit hook sees what reaches the C socket module by any other
route. Native code that does not go through Python (Qt, SQLite) is covered by the static check
(no QtNetwork) and, on Linux, by looking for internet sockets among the process's open files.
"""

from __future__ import annotations

import ast
import contextlib
import errno
import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from council_app.cli import main
from council_app.council.settings import LETTERHEAD_KEY
from council_app.framework import Framework
from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document
from council_app.library.exchange import case_document
from council_app.memo import prepare_memo, render_memo
from tests.factories import make_case

PACKAGE = Path(__file__).resolve().parent.parent / "council_app"

# Modules that exist to talk over a network (or to embed a browser that does).
NETWORK_MODULES = (
    "socket",
    "ssl",
    "urllib.request",
    "http.client",
    "http.server",
    "xmlrpc",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "socketserver",
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "websocket",
    "websockets",
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtWebChannel",
)


def _is_network_module(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES)


def imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every module an AST imports, with ``from a import b`` also giving ``a.b``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def test_no_module_of_the_app_imports_a_networking_module() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20, "the package was not found"
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name}"
        for path in files
        for line, name in imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if _is_network_module(name)
    ]
    assert found == []


def test_the_static_check_sees_the_ways_a_module_is_imported() -> None:
    source = """
import socket
import urllib.request as fetch
from http import client
from PySide6 import QtNetwork
from PySide6.QtNetwork import QNetworkAccessManager
import importlib; importlib.import_module("httpx")
__import__("requests")
from urllib.parse import quote
from council_app import resources
"""
    names = {name for _, name in imported_modules(ast.parse(source)) if _is_network_module(name)}
    assert names >= {
        "socket",
        "urllib.request",
        "http.client",
        "PySide6.QtNetwork",
        "PySide6.QtNetwork.QNetworkAccessManager",
        "httpx",
        "requests",
    }
    assert not _is_network_module("urllib.parse.quote")
    assert not _is_network_module("council_app.resources")


# -- the run-time guard ----------------------------------------------------------------------

_RECORDERS: list[list[str]] = []
_AUDIT_INSTALLED = False
_NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.bind",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)
_INET = (socket.AF_INET, socket.AF_INET6)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _RECORDERS or not event.startswith("socket."):
        return
    if event == "socket.__new__":
        if len(args) > 1 and args[1] in _INET:
            _RECORDERS[-1].append(f"{event}{args[1:]!r}")
        return
    if event in _NETWORK_EVENTS:
        sock = args[0] if event in {"socket.connect", "socket.bind"} else None
        if sock is not None and getattr(sock, "family", None) not in _INET:
            return  # a local (Unix) socket is not the network
        _RECORDERS[-1].append(f"{event}{args!r}")


def inet_socket_inodes() -> set[str]:
    """The bound or connected internet (TCP/UDP/raw) sockets this process holds, by inode
    (Linux; elsewhere none are seen)."""
    proc = Path("/proc/self")
    if not (proc / "net" / "tcp").exists():
        return set()
    mine = set()
    for fd in (proc / "fd").iterdir():
        try:
            target = fd.readlink()
        except OSError:
            continue
        if str(target).startswith("socket:["):
            mine.add(str(target)[len("socket:[") : -1])
    if not mine:
        return set()
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        path = proc / "net" / table
        if path.exists():
            for row in path.read_text().splitlines()[1:]:
                fields = row.split()
                if len(fields) > 9:
                    inet.add(fields[9])
    return mine & inet


class NetworkGuard:
    """Refuses and records every attempt to reach the network while it is installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []
        self._open_before = inet_socket_inodes()
        for owner, name in (
            (socket.socket, "connect"),
            (socket.socket, "connect_ex"),
            (socket.socket, "sendto"),
            (socket, "create_connection"),
            (socket, "getaddrinfo"),
            (socket, "gethostbyname"),
            (socket, "gethostbyname_ex"),
            (socket, "gethostbyaddr"),
        ):
            monkeypatch.setattr(owner, name, self._refusal(f"socket.{name}"))
        global _AUDIT_INSTALLED
        if not _AUDIT_INSTALLED:
            sys.addaudithook(_audit)
            _AUDIT_INSTALLED = True
        _RECORDERS.append(self.attempts)

    def _refusal(self, what: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            self.attempts.append(f"{what}{args!r}")
            raise OSError(errno.ENETUNREACH, f"Council Desk must not use the network ({what})")

        return refuse

    def new_inet_sockets(self) -> set[str]:
        return inet_socket_inodes() - self._open_before

    def check(self) -> None:
        assert self.attempts == [], "network access attempted:\n" + "\n".join(self.attempts)
        assert self.new_inet_sockets() == set(), "internet sockets were opened"

    def remove(self) -> None:
        _RECORDERS.remove(self.attempts)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    guard = NetworkGuard(monkeypatch)
    try:
        yield guard
    finally:
        guard.remove()


def test_the_guard_catches_a_connection_attempt(no_network: NetworkGuard) -> None:
    with pytest.raises(OSError, match="must not use the network"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(OSError, match="must not use the network"):
        socket.getaddrinfo("example.invalid", 443)
    # A route around the replaced functions still reaches the audit hook.
    import _socket

    try:
        raw = _socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    except OSError:
        pytest.skip("this sandbox allows no sockets at all")
    try:
        connected = False
        with contextlib.suppress(OSError):
            raw.connect(("192.0.2.1", 9))  # UDP: connecting sends no packet
            connected = True
        if connected and Path("/proc/self/net/udp").exists():
            assert no_network.new_inet_sockets() != set()
    finally:
        raw.close()
    assert any(a.startswith("socket.__new__") for a in no_network.attempts)
    assert any(a.startswith("socket.connect") for a in no_network.attempts)
    no_network.attempts.clear()


# -- the command line under the guard --------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, (argv, err)
    return out


def test_no_command_opens_a_socket(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_network: NetworkGuard
) -> None:
    library = tmp_path / "library.sqlite"
    with CaseLibrary.open(library) as lib:
        import_document(lib, demo_document())
        # Text that a careless renderer would fetch: an image by URL, a link.
        lib.set_meta(LETTERHEAD_KEY, '<img src="http://192.0.2.1/logo.png"/> https://example.org')
    lib_arg = ["--library", str(library)]
    case_file = tmp_path / "new case.json"
    case_file.write_text(json.dumps(case_document(make_case())), encoding="utf-8")
    matrix = tmp_path / "matrix.json"
    matrix.write_text(
        json.dumps(
            {"criteria": ["a", "b", "c"], "matrix": [[1, 3, 5], ["1/3", 1, 2], [0.2, 0.5, 1]]}
        ),
        encoding="utf-8",
    )
    decided = "EUC-2022-010"
    member = next(c for c in demo_document().cases if c.id == decided).assessments[0].member
    out = tmp_path / "out"
    steps: list[list[str]] = [
        ["list"],
        ["list", "--json"],
        ["search", "facial recognition"],
        ["search", "voice", "--outcome", "decline", "--json"],
        ["show", decided],
        ["score", decided, "--draws", "200", "--seed", "3"],
        ["precedents", decided, "--top", "3"],
        ["graph", "EUC-2025-019"],
        ["themes"],
        ["replay", "--profile", "harm_first"],
        ["memo", decided, "-o", str(out / "memo.pdf")],
        ["memo", decided, "-o", str(out / "memo-external.pdf"), "--variant", "external"],
        ["export", "--all", "-o", str(out / "all.json")],
        ["export", decided, "--member", member, "-o", str(out / "package.councilcase")],
        ["import", str(case_file)],
        ["due"],
        ["session", "new", "--date", "2027-03-04", "--title", "March sitting"],
        ["session", "add", "1", "TST-2025-001", "--minutes", "20"],
        ["session", "show", "1"],
        ["session", "list"],
        ["watch", "add", "--region", "FR", "--note", "elections"],
        ["watch", "list"],
        ["settings"],
    ]
    for argv in steps:
        run(capsys, *argv, *lib_arg)
    run(capsys, "weights", "ahp", str(matrix))
    run(capsys, "generate", "--cases", "15", "-o", str(out / "generated.sqlite"))
    run(capsys, "generate", "--cases", "15", "-o", str(out / "generated.json"))
    run(capsys, "list")  # the default library, created from the demo cases
    assert (out / "memo.pdf").read_bytes().startswith(b"%PDF")
    no_network.check()


def test_a_memo_with_urls_in_its_text_fetches_nothing(
    no_network: NetworkGuard, framework: Framework
) -> None:
    case = make_case(
        summary='See <img src="http://192.0.2.1/chart.png"/> and https://example.org/report.',
        question='<a href="https://example.org">Is it?</a> <img src="https://192.0.2.2/x.png">',
    )
    with CaseLibrary.in_memory() as library:
        library.save_case(case)
        library.set_meta(LETTERHEAD_KEY, '<img src="http://192.0.2.3/letterhead.png" />')
        pdf = render_memo(prepare_memo(library, framework, case))
    assert pdf.startswith(b"%PDF")
    no_network.check()
