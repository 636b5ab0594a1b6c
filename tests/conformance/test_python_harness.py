"""The Python side of the harness proves itself: TLS through the proxy, the snippet runner, and
the semantic comparison (what must pass, and doctored requests that must not).
"""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from .clients import newman_available, run_generator, run_python_snippets
from .compare import Normalised, normalise
from .conftest import PROJECT_ROOT, SHARED
from .echo_proxy import EchoProxy, EchoRecord
from .harness import run_conformance
from .python_compare import AuthExpectation, compare_python, decoded_pairs, scheme_rule
from .wildcards import AWS_AUTHORIZATION, AWS_DATE

pytestmark = pytest.mark.conformance
CORPUS = SHARED / "corpus" / "real"
needs_newman = pytest.mark.skipif(
    not newman_available(), reason="newman is not installed: run tests/conformance/setup.sh"
)


def _strict_context(proxy: EchoProxy) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(proxy.ca_cert))
    context.verify_flags |= ssl.VERIFY_X509_STRICT  # Python 3.13's default
    return context


def test_tunnels_verify_against_the_proxy_ca(echo_proxy: EchoProxy) -> None:
    """httpx verifies the tunnel's certificate (host name included) against the test CA."""
    with httpx.Client(
        proxy=echo_proxy.proxy_url("postgen-py1"), verify=_strict_context(echo_proxy)
    ) as client:
        response = client.post("https://api.v-region.example.com/a?b=c", json={"x": 1})
    (record,) = echo_proxy.records_for_tag("postgen-py1")
    assert response.json() == {"postgen_echo_id": record.echo_id}
    assert (record.scheme, record.authority, record.target) == (
        "https",
        "api.v-region.example.com",
        b"/a?b=c",
    )
    assert record.body == b'{"x":1}'


def test_tunnels_refuse_another_host_name(echo_proxy: EchoProxy) -> None:
    """The certificate names the host the client asked for, not any other."""
    import socket

    with socket.create_connection(("127.0.0.1", echo_proxy.port), timeout=10) as sock:
        sock.sendall(b"CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 200")
        with pytest.raises(ssl.SSLCertVerificationError, match="Hostname mismatch"):
            _strict_context(echo_proxy).wrap_socket(sock, server_hostname="b.example")


def _snippet(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_runner_runs_snippets_like_python_does(echo_proxy: EchoProxy, tmp_path: Path) -> None:
    """Each snippet is ``__main__`` with its folder on sys.path, its own environment (the proxy
    tag and job variables), exit status, stdout and stderr; a hung one is killed."""
    package = tmp_path / "pkg"
    (package / "demo").mkdir(parents=True)
    (package / "demo" / "__init__.py").write_text("NAME = 'demo'\n")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "helper.py").write_text("VALUE = 'beside'\n")
    scripts = {
        "ok": _snippet(
            tmp_path / "snippets",
            "ok.py",
            "import os, httpx, helper, demo\n"
            "assert __name__ == '__main__'\n"
            "r = httpx.get('https://h.example/x', headers={'X-Job': os.environ['JOB']})\n"
            "print(demo.NAME, helper.VALUE, os.environ['BASE'], r.json()['postgen_echo_id'])\n",
        ),
        "fails": _snippet(tmp_path, "fails.py", "raise RuntimeError('boom')\n"),
        "exits": _snippet(tmp_path, "exits.py", "import sys\nsys.exit(3)\n"),
        "hangs": _snippet(tmp_path, "hangs.py", "import time\ntime.sleep(60)\n"),
    }
    runs, notes = run_python_snippets(
        sorted(scripts.items()),
        echo_proxy,
        workdir=tmp_path,
        package_dir=package,
        env={"BASE": "base-value"},
        job_env={"ok": {"JOB": "job-value"}},
        preload=["demo", "missing_module"],
        scratch=tmp_path / "scratch",
        timeout=3,
        workers=2,
    )
    assert notes == [
        "missing_module failed to import: ModuleNotFoundError: No module named 'missing_module'"
    ]
    ok = runs["ok"]
    (record,) = ok.records
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.split() == ["demo", "beside", "base-value", str(record.echo_id)]
    assert (b"X-Job", b"job-value") in record.headers
    assert runs["fails"].returncode == 1 and "RuntimeError: boom" in runs["fails"].stderr
    assert runs["exits"].returncode == 3
    assert runs["hangs"].returncode is None and "timed out" in runs["hangs"].stderr
    assert not (runs["fails"].records or runs["exits"].records or runs["hangs"].records)


def test_forked_runs_send_what_plain_python_sends(echo_proxy: EchoProxy, tmp_path: Path) -> None:
    """Preloading the package and forking changes nothing that arrives: three generated snippets
    run both ways send the same requests."""
    out = tmp_path / "out"
    result = run_generator(
        PROJECT_ROOT,
        CORPUS / "codegen-basic.postman_collection.json",
        out,
        None,
        parts=("client", "python"),
    )
    assert result.returncode == 0 and result.manifest is not None, result.stderr
    ops = {op["pointer"]: op for op in result.manifest["operations"]}
    chosen = [(p, out / ops[p]["python"]) for p in ("/item/0", "/item/3", "/item/5")]
    runs, _ = run_python_snippets(
        chosen,
        echo_proxy,
        workdir=tmp_path,
        package_dir=out,
        env={},
        job_env={},
        preload=[result.manifest["package"]],
        scratch=tmp_path / "scratch",
    )
    for i, (pointer, script) in enumerate(chosen):
        tag = f"postgen-plain{i}"
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PYTHONPATH": str(out),
            "SSL_CERT_FILE": str(echo_proxy.ca_cert),
            **echo_proxy.proxy_env(tag),
        }
        subprocess.run([sys.executable, str(script)], env=env, check=True, capture_output=True)
        (plain,) = echo_proxy.records_for_tag(tag)
        (forked,) = runs[pointer].records

        def essence(r: EchoRecord) -> tuple[object, ...]:
            return (r.scheme, r.authority, r.method, r.target, r.headers, r.body)

        assert essence(plain) == essence(forked), pointer


# -- the comparison, on doctored records ----------------------------------------------------


def _record(
    headers: list[tuple[bytes, bytes]],
    body: bytes = b"",
    target: bytes = b"/p",
    method: str = "POST",
) -> EchoRecord:
    return EchoRecord(
        1, None, "https", "h", method, target, target, "HTTP/1.1", tuple(headers), body, False
    )


NEWMAN_NOISE = [
    (b"User-Agent", b"PostmanRuntime/7.39.1"),
    (b"Accept", b"*/*"),
    (b"Postman-Token", b"t"),
    (b"Accept-Encoding", b"gzip, deflate, br"),
    (b"Connection", b"keep-alive"),
]
HTTPX_NOISE = [
    (b"Accept", b"*/*"),
    (b"Accept-Encoding", b"gzip, deflate"),
    (b"Connection", b"keep-alive"),
    (b"User-Agent", b"python-httpx/0.28.1"),
]


def _pair(
    newman: EchoRecord,
    python: EchoRecord,
    auth: AuthExpectation | None = None,
    user_headers: frozenset[str] = frozenset(),
) -> tuple[list[tuple[str, str, str]], list[str]]:
    left: Normalised = normalise(newman, "newman", user_headers)
    right: Normalised = normalise(python, "python", user_headers)
    result = compare_python(left, right, auth or AuthExpectation(""))
    return [(d.key, d.left, d.right) for d in result.diffs], result.wildcards


def test_query_compares_decoded_pairs_in_order() -> None:
    assert decoded_pairs(b"a=x%20y&b=x+y&&c&d=&e=%zz") == [
        (b"a", b"x y"),
        (b"b", b"x y"),
        (b"c", b""),
        (b"d", b""),
        (b"e", b"%zz"),
    ]
    newman = _record(NEWMAN_NOISE, target=b"/p?q=a%20b&flag&n=%C3%A9")
    assert _pair(newman, _record(HTTPX_NOISE, target=b"/p?q=a+b&flag=&n=%c3%a9"))[0] == []
    # order, values and names still count; so does the path, byte for byte
    for target in (
        b"/p?flag=&q=a+b&n=%c3%a9",
        b"/p?q=a+c&flag=&n=%c3%a9",
        b"/P?q=a+b&flag&n=%c3%a9",
    ):
        assert _pair(newman, _record(HTTPX_NOISE, target=target))[0], target
    # a placeholder the snippet carries matches the value Postman made up
    newman = _record(NEWMAN_NOISE, target=b"/p?id=5a886465-9171-4aea-bc47-d0a806ab4b9b")
    python = _record(HTTPX_NOISE, target=b"/p?id=%7B%7B%24guid%7D%7D")
    assert _pair(newman, python) == ([], ["query: $guid"])


def test_headers_case_insensitive_values_exact_noise_ignored() -> None:
    newman = _record([*NEWMAN_NOISE, (b"X-Thing", b"One"), (b"x-thing", b"two")])
    assert (
        _pair(newman, _record([*HTTPX_NOISE, (b"x-thing", b"two"), (b"X-THING", b"One")]))[0] == []
    )
    diffs, _ = _pair(newman, _record([*HTTPX_NOISE, (b"x-thing", b"one"), (b"x-thing", b"two")]))
    assert [d[0] for d in diffs] == ["header:x-thing"]
    # a header the SDK adds on its own (or forgets) is a difference
    diffs, _ = _pair(
        newman,
        _record([*HTTPX_NOISE, (b"x-thing", b"One"), (b"x-thing", b"two"), (b"X-New", b"1")]),
    )
    assert diffs == [("header:x-new", "(absent)", "'1'")]
    # the collection's own User-Agent is compared; the clients' defaults are not
    user = frozenset({"user-agent"})
    assert _pair(_record(NEWMAN_NOISE), _record(HTTPX_NOISE), user_headers=user)[0]
    # framing headers are not compared (the body is)
    assert (
        _pair(
            _record([(b"Content-Length", b"3")], b"abc"),
            _record([(b"content-length", b"3")], b"abc"),
        )[0]
        == []
    )


JSON = [(b"Content-Type", b"application/json")]


def test_json_bodies_compare_by_value() -> None:
    newman = _record(JSON, b'{\n  "a": 1,\n  "b": [true, null, "x"],\n  "c": {"d": 2.5}\n}')
    assert _pair(newman, _record(JSON, b'{"c":{"d":2.5},"a":1.0,"b":[true,null,"x"]}'))[0] == []
    for body in (
        b'{"a":1,"b":[1,null,"x"],"c":{"d":2.5}}',  # true is not 1
        b'{"a":1,"b":[null,true,"x"],"c":{"d":2.5}}',  # arrays keep their order
        b'{"a":1,"b":[true,null,"x"],"c":{"d":2.5},"e":null}',  # no invented keys
        b'{"a":"1","b":[true,null,"x"],"c":{"d":2.5}}',  # a string is not a number
    ):
        diffs, _ = _pair(newman, _record(JSON, body))
        assert {d[0] for d in diffs} == {"body"}, body
    big = _record(JSON, b'{"n": 12345678901234567890}')
    assert _pair(big, _record(JSON, b'{"n": 1.2345678901234567e19}'))[0]  # rounded
    # placeholders for per-send values, in a string or standing in for a number
    dynamic = _record(JSON, b'{"id": "5a886465-9171-4aea-bc47-d0a806ab4b9b", "ts": 1795737122}')
    templ = _record(JSON, b'{"id": "{{$guid}}", "ts": "{{$timestamp}}"}')
    assert _pair(dynamic, templ) == ([], ["body json: $guid, $timestamp"])
    # a JSON document sent as text is still compared by value (its Content-Type as a header);
    # a bare scalar is JSON only under a JSON type ("1" may be text)
    text = [(b"Content-Type", b"text/plain")]
    assert _pair(_record(text, b'{"a": 1}'), _record(text, b'{"a":1}'))[0] == []
    assert _pair(_record(text, b'{"a": 1}'), _record(JSON, b'{"a":1}'))[0]
    assert _pair(_record(text, b"1"), _record(text, b"1.0"))[0]
    assert _pair(_record(JSON, b"1"), _record(JSON, b"1.0"))[0] == []


FORM = [(b"Content-Type", b"application/x-www-form-urlencoded")]


def test_forms_compare_as_decoded_pairs() -> None:
    newman = _record(FORM, b"a=%27x%27&b=1%202&c=%ED%85%8C")
    assert _pair(newman, _record(FORM, b"a='x'&b=1+2&c=%ed%85%8c"))[0] == []
    assert _pair(newman, _record(FORM, b"b=1+2&a='x'&c=%ed%85%8c"))[0]


def _multipart(parts: list[tuple[bytes, bytes | None, bytes]], boundary: bytes) -> EchoRecord:
    body = b""
    for name, filename, content in parts:
        disposition = b'form-data; name="%s"' % name
        if filename is not None:
            disposition += b'; filename="%s"\r\nContent-Type: text/plain' % filename
        body += b"--%s\r\nContent-Disposition: %s\r\n\r\n%s\r\n" % (boundary, disposition, content)
    body += b"--%s--\r\n" % boundary
    return _record([(b"Content-Type", b"multipart/form-data; boundary=" + boundary)], body)


def test_multipart_compares_parts() -> None:
    newman = _multipart(
        [(b"a", None, b"1"), (b"f", b"x.txt", b"file\n"), (b"a", None, b"2")], b"-----123"
    )
    # httpx sends text fields first: order only counts between parts of one name
    python = _multipart(
        [(b"a", None, b"1"), (b"a", None, b"2"), (b"f", b"x.txt", b"file\n")], b"abc"
    )
    assert _pair(newman, python)[0] == []
    for doctored in (
        [(b"a", None, b"2"), (b"a", None, b"1"), (b"f", b"x.txt", b"file\n")],
        [(b"a", None, b"1"), (b"a", None, b"2"), (b"f", b"files/x.txt", b"file\n")],
        [(b"a", None, b"1"), (b"a", None, b"2"), (b"f", b"x.txt", b"other\n")],
        [(b"a", None, b"1"), (b"f", b"x.txt", b"file\n")],
    ):
        diffs, _ = _pair(newman, _multipart(doctored, b"abc"))
        assert {d[0] for d in diffs} == {"body"}, doctored
    # multipart on one side only
    assert _pair(newman, _record(FORM, b"a=1&a=2"))[0]


def test_auth_is_compared_by_presence_and_scheme() -> None:
    basic = AuthExpectation(
        "basic",
        frozenset({"authorization"}),
        rules={"authorization": scheme_rule(b"Basic ", "basic")},
    )
    newman = _record([(b"Authorization", b"Basic dTpw")])
    assert _pair(newman, _record([(b"authorization", b"Basic b3RoZXI6eA==")]), basic) == (
        [],
        ["header authorization: basic"],
    )
    assert _pair(newman, _record([(b"Authorization", b"Bearer x")]), basic)[0]
    assert _pair(newman, _record([]), basic)[0]
    assert _pair(_record([]), _record([(b"Authorization", b"Basic dTpw")]), basic)[0]

    aws = AuthExpectation(
        "awsv4",
        frozenset({"authorization", "x-amz-date", "x-amz-security-token"}),
        rules={"authorization": AWS_AUTHORIZATION, "x-amz-date": AWS_DATE},
    )

    def signed(key: bytes, scope: bytes, token: bool = True) -> EchoRecord:
        value = (
            b"AWS4-HMAC-SHA256 Credential=%s/20261126/%s/aws4_request, "
            b"SignedHeaders=host;x-amz-date, Signature=%s" % (key, scope, b"a" * 64)
        )
        headers = [(b"Authorization", value), (b"X-Amz-Date", b"20261126T234917Z")]
        return _record(headers + ([(b"X-Amz-Security-Token", b"T")] if token else []))

    newman = signed(b"AKID", b"us-east-1/execute-api")
    assert _pair(newman, signed(b"AKID", b"us-east-1/execute-api"), aws)[0] == []
    assert _pair(newman, signed(b"AKID", b"us-east-1/sts"), aws)[0]  # another service
    assert _pair(newman, signed(b"AKID", b"us-east-1/execute-api", token=False), aws)[0]

    query_key = AuthExpectation("apikey", query=frozenset({b"api_key"}))
    newman = _record([], target=b"/p?x=1&api_key=k")
    assert _pair(newman, _record([], target=b"/p?x=1&api_key=other"), query_key)[0] == []
    assert _pair(newman, _record([], target=b"/p?x=1"), query_key)[0]


@needs_newman
def test_doctored_python_snippets_are_judged(echo_proxy: EchoProxy, tmp_path: Path) -> None:
    """Hand-written stand-ins for generated snippets, through the whole pipeline: a faithful
    request that httpx encodes its own way passes, wrong ones fail field by field."""
    head = "import httpx\nwith httpx.Client() as c:\n    "
    replaced = {
        # same JSON, other key order and spacing
        "/item/5": head + "c.post('https://postman-echo.com/post', "
        "content=b'{ \"json\" :\"Test-Test\" }', headers={'Content-Type': 'application/json'})\n",
        # the query of a value newman does not send
        "/item/3": head + "c.get('https://postman-echo.com/get', "
        "params=[('test', '123'), ('anotherone', '233')])\n",
        # a header value changed, one left out
        "/item/0": head + "c.get('https://postman-echo.com/headers', headers={"
        "'my-sample-header': 'Lorem ipsum dolor sit amet', 'TEST': '@#$%^&*()!'})\n",
        # another method
        "/item/13": head + "c.post('https://postman-echo.com/delete')\n",
        # sends nothing
        "/item/12": "raise SystemExit(2)\n",
    }
    report = run_conformance(
        CORPUS / "codegen-basic.postman_collection.json",
        name="codegen-basic",
        proxy=echo_proxy,
        workdir=tmp_path,
        project_root=PROJECT_ROOT,
        python_snippets=replaced,
    )
    assert report.python_outcomes is not None
    by_pointer = {o.pointer: o for o in report.python_outcomes}
    assert by_pointer["/item/5"].status == "passed", by_pointer["/item/5"].render()
    diffs = {p: sorted({d.key for d in by_pointer[p].diffs}) for p in ("/item/3", "/item/0")}
    assert diffs == {"/item/3": ["query"], "/item/0": ["header:more", "header:test"]}
    assert [d.key for d in by_pointer["/item/13"].diffs] == ["method"]
    assert by_pointer["/item/12"].reasons[0][0] == "python snippet sent nothing"
    assert json.dumps(report.to_json())  # the report serialises
    assert report.python_summary_line().startswith("codegen-basic: python ")
