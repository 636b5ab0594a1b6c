"""The conformance harness proves itself: recording, normalising, and comparing are right.

Without these, a green conformance run could mean a blind harness.  The replay tests are the
strongest: curl scripts that copy newman's recorded request must compare equal on every item,
and two newman runs must agree with each other after normalisation.
"""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path

import pytest

from .clients import make_curl_home, newman_available
from .collection_facts import (
    build_environment,
    collection_variables,
    item_facts,
    leaves,
    load_collection,
)
from .compare import compare, normalise
from .conftest import PROJECT_ROOT, SHARED
from .echo_proxy import EchoProxy, EchoRecord
from .harness import NEWMAN_VARIES, record_newman, run_conformance
from .replay import write_replay_script

pytestmark = pytest.mark.conformance
CORPUS = SHARED / "corpus" / "real"
SCHEMA_V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
needs_newman = pytest.mark.skipif(
    not newman_available(), reason="newman is not installed: run tests/conformance/setup.sh"
)


def _curl(proxy: EchoProxy, tmp_path: Path, tag: str, *args: str) -> list[EchoRecord]:
    env = {
        "PATH": "/usr/bin:/bin",
        "CURL_HOME": str(make_curl_home(tmp_path / "curl-home")),
        **proxy.proxy_env(tag),
    }
    subprocess.run(["curl", "-sS", *args], env=env, check=True, capture_output=True, timeout=30)
    return proxy.records_for_tag(tag)


def test_proxy_records_absolute_form_exactly(echo_proxy: EchoProxy, tmp_path: Path) -> None:
    (record,) = _curl(
        echo_proxy,
        tmp_path,
        "postgen-t1",
        "-X",
        "POST",
        "http://v-host.example:8080/a%2Fb/c?x=1&y=%zz&&",
        "-H",
        "X-Case: MiXeD",
        "-H",
        "x-case: second",
        "--data-binary",
        "a=1&b",
    )
    assert (record.scheme, record.authority, record.method) == (
        "http",
        "v-host.example:8080",
        "POST",
    )
    assert record.target == b"/a%2Fb/c?x=1&y=%zz&&"
    assert record.body == b"a=1&b"
    assert (b"X-Case", b"MiXeD") in record.headers and (b"x-case", b"second") in record.headers
    assert not any(n.lower() == b"proxy-authorization" for n, _ in record.headers)


def test_proxy_terminates_connect_tunnels(echo_proxy: EchoProxy, tmp_path: Path) -> None:
    (record,) = _curl(
        echo_proxy,
        tmp_path,
        "postgen-t2",
        "https://api.github.com",
        "-H",
        "Transfer-Encoding: chunked",
        "--data-binary",
        "chunky body",
    )
    assert (record.scheme, record.authority, record.target) == ("https", "api.github.com", b"/")
    assert record.chunked and record.body == b"chunky body"


def test_proxy_survives_wrong_content_length(echo_proxy: EchoProxy) -> None:
    """Collections set Content-Length by hand; a wrong one must be recorded, not hang."""
    with socket.create_connection(("127.0.0.1", echo_proxy.port), timeout=10) as sock:
        sock.sendall(b"PUT http://h/x HTTP/1.1\r\nHost: h\r\nContent-Length: 999\r\n\r\nshort")
        response = sock.recv(4096)
    echo_id = int(response.split(b"X-Postgen-Echo-Id: ")[1].split(b"\r\n")[0])
    record = echo_proxy.record(echo_id)
    assert record is not None and record.body == b"short"
    assert record.framing_error == "body ended after 5 of 999 bytes (Content-Length)"


def _record(headers: list[tuple[bytes, bytes]], body: bytes = b"") -> EchoRecord:
    return EchoRecord(
        1, None, "https", "h", "POST", b"/p", b"/p", "HTTP/1.1", tuple(headers), body, False
    )


def test_normalise_drops_only_default_noise() -> None:
    newman = _record(
        [
            (b"User-Agent", b"PostmanRuntime/7.39.1"),
            (b"Postman-Token", b"x"),
            (b"Cache-Control", b"no-cache"),
            (b"Connection", b"keep-alive"),
            (b"Accept", b"*/*"),
            (b"Accept-Encoding", b"gzip, deflate, br"),
        ]
    )
    curl = _record(
        [(b"User-Agent", b"curl/7.88.1"), (b"Accept", b"*/*"), (b"Proxy-Connection", b"Keep-Alive")]
    )
    assert (
        compare(normalise(newman, "newman", frozenset()), normalise(curl, "curl", frozenset()))
        == []
    )
    # the collection sets Cache-Control itself: then the snippet must send it too
    diffs = compare(
        normalise(newman, "newman", frozenset({"cache-control"})),
        normalise(curl, "curl", frozenset({"cache-control"})),
    )
    assert [(d.key, d.left, d.right) for d in diffs] == [
        ("header:cache-control", "'no-cache'", "(absent)")
    ]


def test_multipart_compares_parts_not_boundaries() -> None:
    def multipart(boundary: bytes, value: bytes) -> EchoRecord:
        body = b'--%s\r\nContent-Disposition: form-data; name="a"\r\n\r\n%s\r\n--%s--\r\n' % (
            boundary,
            value,
            boundary,
        )
        return _record(
            [
                (b"Content-Type", b"multipart/form-data; boundary=" + boundary),
                (b"Content-Length", b"%d" % len(body)),
            ],
            body,
        )

    a = normalise(multipart(b"--------------------------1234", b"v"), "newman", frozenset())
    b = normalise(multipart(b"------------------------abcdef0123", b"v"), "curl", frozenset())
    c = normalise(multipart(b"xyz", b"w"), "curl", frozenset())
    assert compare(a, b) == []
    assert [d.key for d in compare(a, c)] == ["body"]


@needs_newman
def test_hand_written_snippets_are_judged(echo_proxy: EchoProxy, tmp_path: Path) -> None:
    """Two faithful snippets pass; a wrong one is reported field by field."""
    snippets = {
        "/item/0": "curl 'https://postman-echo.com/headers' -H 'my-sample-header: Lorem ipsum "
        "dolor sit amet' -H 'TEST: @#$%^&*()' -H $'more: ,./\\';[]}{\":?><|\\\\\\\\'\n",
        "/item/5": "curl https://postman-echo.com/post -H 'Content-Type: application/json' "
        '--data-binary $\'{\\n  "json": "Test-Test"\\n}\'\n',
        "/item/13": "curl -X DELETE 'https://postman-echo.com/delete?x=1' -H 'Accept: text/html'\n",
    }
    paths = {}
    for i, (pointer, text) in enumerate(snippets.items()):
        paths[pointer] = tmp_path / f"snippet{i}.sh"
        paths[pointer].write_text(text)
    workdir = tmp_path / "work"
    workdir.mkdir()
    report = run_conformance(
        CORPUS / "codegen-basic.postman_collection.json",
        name="codegen-basic",
        proxy=echo_proxy,
        workdir=workdir,
        project_root=PROJECT_ROOT,
        snippets=paths,
    )
    by_pointer = {o.pointer: o for o in report.outcomes}
    assert by_pointer["/item/0"].status == "passed", by_pointer["/item/0"].render()
    assert by_pointer["/item/5"].status == "passed", by_pointer["/item/5"].render()
    wrong = by_pointer["/item/13"]
    assert wrong.status == "mismatched"
    assert [(d.key, d.left, d.right) for d in wrong.diffs] == [
        ("target", "'/delete'", "'/delete?x=1'"),
        ("header:accept", "'*/*'", "'text/html'"),
    ]
    others = [o for o in report.outcomes if o.pointer not in snippets]
    assert {c for o in others for c, _ in o.reasons} == {"no curl snippet"}


@needs_newman
def test_unsendable_and_dynamic_requests_are_listed(echo_proxy: EchoProxy, tmp_path: Path) -> None:
    """newman's own errors and dynamic variables are listed with their reason, never failed."""
    collection = tmp_path / "c.json"
    collection.write_text(
        json.dumps(
            {
                "info": {"name": "edge", "schema": SCHEMA_V21},
                "item": [
                    {"name": "empty url", "request": {"method": "GET", "url": ""}},
                    {"name": "no request"},
                    {
                        "name": "dynamic",
                        "request": {
                            "method": "post",
                            "url": "http://h/{{$guid}}?a={{$randomInt}}",
                            "header": [{"key": "X-Id", "value": "{{$guid}}"}],
                        },
                    },
                ],
            }
        )
    )
    snippet = tmp_path / "dynamic.sh"
    snippet.write_text("curl -X POST 'http://h/x?a=1' -H 'X-Id: 1' -H 'Content-Length: 0'\n")
    report = run_conformance(
        collection,
        name="edge",
        proxy=echo_proxy,
        workdir=tmp_path / "w",
        project_root=PROJECT_ROOT,
        snippets={"/item/2": snippet},
    )
    assert [(o.status, o.reasons[0][0]) for o in report.outcomes] == [
        ("listed", "newman could not send"),
        ("listed", "newman could not send"),
        ("listed", "dynamic variables"),
    ], [o.render() for o in report.outcomes]
    assert "request url is empty" in report.outcomes[0].reasons[0][1]


#: Small collections covering every body mode, auth inheritance, non-ASCII, dynamic variables,
#: missing files and hand-set Content-Length headers.
REPLAY = [
    "codegen-basic",
    "postman-echo-v2",
    "newman-inherited-entities",
    "mall-portal-zh",
    "paypal-public-apis",
    "salesforce-api",
    "oci-api-signing-example",
]


@needs_newman
@pytest.mark.parametrize("name", REPLAY)
def test_replaying_newman_with_curl_conforms(
    name: str, echo_proxy: EchoProxy, tmp_path: Path
) -> None:
    """curl copying newman's own requests must pass everywhere it can be compared, and two
    newman runs must agree wherever the harness does not expect them to differ."""
    collection = CORPUS / f"{name}.postman_collection.json"
    doc = load_collection(collection)
    variables = {
        **collection_variables(doc),
        **{v["key"]: v["value"] for v in build_environment(doc, name)["values"]},
    }
    recorded = record_newman(collection, name=name, proxy=echo_proxy, workdir=tmp_path / "record")
    (tmp_path / "replay").mkdir()
    snippets = {}
    for leaf in leaves(doc):
        if (record := recorded.get(leaf.pointer)) is not None:
            facts = item_facts(leaf, variables, tmp_path)
            noise = normalise(record, "newman", facts.user_headers).dropped
            snippets[leaf.pointer] = write_replay_script(
                record, tmp_path / "replay" / f"{leaf.index}.sh", noise
            )
    (tmp_path / "work").mkdir()
    report = run_conformance(
        collection,
        name=name,
        proxy=echo_proxy,
        workdir=tmp_path / "work",
        project_root=PROJECT_ROOT,
        snippets=snippets,
    )
    print(report.summary_line())
    assert not report.of("mismatched"), report.failure_text()
    assert not [o for o in report.outcomes if any(c == NEWMAN_VARIES for c, _ in o.reasons)]
    assert len(report.of("passed")) > len(report.outcomes) // 2
