"""Client LSP minimal sur stdio (tests/test_lsp.py, benchmarks/national.py) : lance `cte lsp`,
échange des messages JSON-RPC encadrés par « Content-Length », garde les diagnostics publiés."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path


class Client:
    """Client LSP minimal : messages JSON-RPC encadrés par « Content-Length » sur stdio."""

    def __init__(self, *args: str, cwd: Path):
        self.processus = subprocess.Popen(
            [sys.executable, "-m", "cte_cli", "lsp", *args], cwd=cwd, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
        self.messages: queue.Queue = queue.Queue()
        self.numero = 0
        self.diagnostics: dict[str, list[dict]] = {}
        self.journal: list[str] = []
        threading.Thread(target=self._lire, daemon=True).start()

    def _lire(self) -> None:
        flux = self.processus.stdout
        while True:
            entete = b""
            while not entete.endswith(b"\r\n\r\n"):
                octet = flux.read(1)
                if not octet:
                    return
                entete += octet
            taille = int(re.search(rb"Content-Length: (\d+)", entete).group(1))
            self.messages.put(json.loads(flux.read(taille)))

    def envoyer(self, methode: str, params: dict, requete: bool = False) -> int | None:
        message: dict = {"jsonrpc": "2.0", "method": methode, "params": params}
        if requete:
            self.numero += 1
            message["id"] = self.numero
        corps = json.dumps(message).encode("utf-8")
        self.processus.stdin.write(b"Content-Length: %d\r\n\r\n" % len(corps) + corps)
        self.processus.stdin.flush()
        return message.get("id")

    def attendre(self, condition, delai: float = 60) -> dict:
        """Le premier message qui satisfait `condition` (les diagnostics sont gardés au passage)."""
        fin = time.monotonic() + delai
        while True:
            try:
                message = self.messages.get(timeout=max(fin - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError("pas de réponse du serveur") from None
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            if message.get("method") == "window/logMessage":
                self.journal.append(message["params"]["message"])
            if condition(message):
                return message

    def demander(self, methode: str, params: dict) -> dict:
        numero = self.envoyer(methode, params, requete=True)
        return self.attendre(lambda m: m.get("id") == numero and "method" not in m)

    def diagnostics_de(self, uri: str) -> dict:
        return self.attendre(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri)["params"]["diagnostics"]
