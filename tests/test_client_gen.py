"""What the generated client takes and what its snippets pass, for collections built here.

Each test writes a collection, runs the real CLI, and imports or executes what came out.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import run_cli
from postman_factory import SCHEMA, request


def _generate(tmp_path: Path, *items: dict[str, Any]) -> tuple[Path, str]:
    source = tmp_path / "things.postman_collection.json"
    data = {
        "info": {"name": "Things", "schema": SCHEMA},
        "variable": [{"key": "base", "value": "https://things.test/v1"}],
        "item": list(items),
    }
    source.write_text(json.dumps(data))
    out = tmp_path / "out"
    done = run_cli("generate", source, "--out", out)
    assert done.returncode == 0, done.stderr
    return out, done.stderr


def _snippet(out: Path, name: str) -> str:
    return (out / "snippets" / "python" / f"{name}.py").read_text()


def test_placeholders_in_json_bodies_print_as_variables(tmp_path: Path) -> None:
    item = request(
        "Update",
        "POST",
        body='{"version": {{cart-version}}, "name": "{{name}}"}',
        examples=(),
    )
    out, _ = _generate(tmp_path, item)
    snippet = _snippet(out, "update")
    assert '"version": "{{cart-version}}"' in snippet and '"name": "{{name}}"' in snippet
    assert "\ue000" not in snippet and "placeholder" not in snippet


def test_credentials_in_bodies_are_replaced_and_warned_about(tmp_path: Path) -> None:
    item = request("Login", "POST", body={"user": "ann", "password": "hunter2", "nested": {}})
    out, stderr = _generate(tmp_path, item)
    assert "/item/0/request/body: warning: body field(s) 'password'" in stderr
    snippet = _snippet(out, "login")
    assert "hunter2" not in snippet and '"password": "<password>"' in snippet
    assert '"user": "ann"' in snippet


def test_a_line_break_in_a_header_is_warned_about(tmp_path: Path) -> None:
    item = request("Get", headers=(("X-A", "1\r\nEvil: yes"), ("X-B", "fine")))
    out, stderr = _generate(tmp_path, item)
    assert "/item/0/request/header/0: warning: header 'X-A' holds a line break" in stderr
    assert "'X-B'" not in stderr
    assert '"1\\r\\nEvil: yes"' in _snippet(out, "get")  # passed as data, escaped


def test_bodies_too_deep_for_literals_are_passed_as_json_text(tmp_path: Path) -> None:
    deep: Any = "bottom"
    for _ in range(200):
        deep = {"d": deep}
    out, _ = _generate(tmp_path, request("Deep", "POST", body=deep))
    snippet = _snippet(out, "deep")
    ast.parse(snippet)
    assert "model_validate_json(" in snippet or "json.loads(" in snippet
    assert snippet.count("bottom") == 1


def test_snippets_send_the_example_through_the_client(tmp_path: Path) -> None:
    """Run a snippet against a local echo of the request: the example arrives as JSON."""
    item = request(
        "Create",
        "POST",
        body={"name": "widget", "size": 3, "tags": ["a"]},
        headers=(("X-Trace", "t-1"),),
        examples=(),
    )
    out, _ = _generate(tmp_path, item)
    echo = (
        "import json, sys, threading\n"
        "from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer\n"
        "class H(BaseHTTPRequestHandler):\n"
        "    def do_POST(self):\n"
        "        body = self.rfile.read(int(self.headers['Content-Length']))\n"
        "        print(json.dumps({'path': self.path, 'trace': self.headers['X-Trace'],\n"
        "                          'body': json.loads(body)}), file=sys.stderr)\n"
        "        self.send_response(200); self.send_header('Content-Length', '2')\n"
        "        self.send_header('Content-Type', 'application/json')\n"
        "        self.end_headers(); self.wfile.write(b'{}')\n"
        "    def log_message(self, *a): pass\n"
        "s = ThreadingHTTPServer(('127.0.0.1', 0), H)\n"
        "threading.Thread(target=s.serve_forever, daemon=True).start()\n"
        "import os; os.environ['THINGS_BASE_URL'] = f'http://127.0.0.1:{s.server_address[1]}/v1'\n"
        "exec(open(sys.argv[1]).read())\n"
    )
    script = out / "snippets" / "python" / "create.py"
    done = subprocess.run(
        [sys.executable, "-c", echo, str(script)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(out)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stderr.strip().splitlines()[-1])
    assert seen == {
        "path": "/v1/things",
        "trace": "t-1",
        "body": {"name": "widget", "size": 3, "tags": ["a"]},
    }
