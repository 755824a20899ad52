"""`make edit`: the browser editor on this machine, without an account.

Two processes, started and stopped together: the editor's local proxy (Decap's `decap-server`,
from the project's node_modules), bound to 127.0.0.1 and writing into this project's content/,
and `mkdocs serve` (drafts shown, no PDFs), whose build points the editor at that proxy
(LIBRARY_EDIT_PROXY, read by mkdocs.yml). The preview rebuilds the site each time the editor
saves; it does not reload the editor's page (no live reload), which would lose unsaved work.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macros.authoring.cms import CODE_ROOT, EditorSetupError

HOST = "127.0.0.1"
PROXY_SCRIPT = Path("node_modules") / "decap-server" / "dist" / "index.js"
STARTUP_SECONDS = 60  # the first build of a large library takes a while


@dataclass(frozen=True)
class EditSession:
    """Where one `make edit` serves the site and its proxy."""

    project: Path
    config_file: Path
    port: int = 8000
    proxy_port: int = 8081

    @property
    def site_url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    @property
    def proxy_url(self) -> str:
        return f"http://{HOST}:{self.proxy_port}/api/v1"


def proxy_script(project: Path) -> Path:
    """decap-server's entry point, in the project's node_modules or those beside the library's code."""
    for root in (Path(project), CODE_ROOT):
        if (root / PROXY_SCRIPT).is_file():
            return root / PROXY_SCRIPT
    raise EditorSetupError(
        f"{PROXY_SCRIPT.as_posix()} is missing: run `npm ci` (make edit does) to install the editor's local proxy"
    )


def port_is_free(port: int) -> bool:
    """True unless something listens on the port (connections closing from a last run do not count, as
    the servers themselves reuse the address)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def proxy_command(session: EditSession) -> tuple[list[str], dict[str, str]]:
    """The proxy's command line and environment: on 127.0.0.1, saving into the project, answering only the site."""
    node = shutil.which("node")
    if node is None:
        raise EditorSetupError("Node.js is not installed: the editor's local proxy needs it (see README.md)")
    env = {
        **os.environ,
        "BIND_HOST": HOST,
        "PORT": str(session.proxy_port),
        "MODE": "fs",  # write files only; git is left to the editor (a pull request, as ever)
        "GIT_REPO_DIRECTORY": str(session.project),
        "ORIGIN": f"http://{HOST}:{session.port}",  # the only page allowed to call it (CORS)
        "LOG_LEVEL": "warn",
    }
    return [node, str(proxy_script(session.project))], env


def serve_command(session: EditSession) -> tuple[list[str], dict[str, str]]:
    """`mkdocs serve` of the project, without PDFs, its editor pointed at the proxy."""
    env = {**os.environ, "LIBRARY_PDF": "false", "LIBRARY_EDIT_PROXY": session.proxy_url}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(session.config_file),
        "--dev-addr",
        f"{HOST}:{session.port}",
        "--no-livereload",
    ]
    return command, env


def _answers(url: str, data: bytes | None = None) -> bool:
    headers = {"Content-Type": "application/json"} if data is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_ready(session: EditSession, processes: list[subprocess.Popen], seconds: float = STARTUP_SECONDS) -> None:
    """Return once the proxy and the editor's page both answer; EditorSetupError if a process stops first."""
    info = json.dumps({"action": "info"}).encode()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise EditorSetupError(f"{process.args[0]} stopped (exit code {process.returncode}); see above")
        if _answers(session.proxy_url, info) and _answers(session.site_url + "admin/config.yml"):
            return
        time.sleep(0.2)
    raise EditorSetupError(f"the editor did not start within {seconds:.0f} seconds")


def stop(processes: list[subprocess.Popen]) -> None:
    """Stop each process (if it is still running), politely first."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start(session: EditSession) -> list[subprocess.Popen]:
    """Start the proxy and the site; both are running and answering when this returns."""
    for port, what in ((session.port, "the site"), (session.proxy_port, "the editor's proxy")):
        if not port_is_free(port):
            raise EditorSetupError(f"port {port} on {HOST} is in use, so {what} cannot start there; stop what uses it")
    processes: list[subprocess.Popen] = []
    try:
        for command, env in (proxy_command(session), serve_command(session)):
            processes.append(subprocess.Popen(command, env=env, cwd=session.project))
        wait_until_ready(session, processes)
    except BaseException:
        stop(processes)
        raise
    return processes


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run(session: EditSession, say: Callable[[str], None] = print) -> int:
    """`library edit`: start both, say where to go, and stop both on Ctrl+C (or a SIGTERM) or when either stops."""
    signal.signal(signal.SIGTERM, _interrupt)  # a SIGTERM to this process alone stops the two as well
    try:
        processes = start(session)  # stops what it started if interrupted
    except KeyboardInterrupt:
        say("Stopping the editor and the site.")
        return 0
    say(
        f"\nThe editor is at {session.site_url}admin/ and saves into {session.project / 'content'}.\n"
        f"The site (drafts shown) is at {session.site_url}; it is rebuilt each time you save.\n"
        "Press Ctrl+C to stop both.\n"
    )
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        say("One of the two stopped; stopping the other.")
        return 1
    except KeyboardInterrupt:
        say("Stopping the editor and the site.")
        return 0
    finally:
        stop(processes)
