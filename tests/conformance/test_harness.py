"""The conformance harness proves itself: recording, normalising, and comparing are right.

Without these, a green conformance run could mean a blind harness.  The replay tests are the
strongest: curl scripts that copy newman's recorded request must compare equal on every item,
and two newman runs must agree with each other after normalisation.
"""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Mapping
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
from .compare import compare, compare_requests, normalise, without_oauth1_params
from .conftest import PROJECT_ROOT, SHARED
from .echo_proxy import EchoProxy, EchoRecord
from .harness import NEWMAN_VARIES, record_newman, run_conformance
from .replay import with_placeholders, write_replay_script
from .wildcards import AWS_AUTHORIZATION, AWS_DATE, DIGEST_AUTHORIZATION, ValueRule, placeholders

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


def _record(
    headers: list[tuple[bytes, bytes]], body: bytes = b"", target: bytes = b"/p"
) -> EchoRecord:
    return EchoRecord(
        1, None, "https", "h", "POST", target, target, "HTTP/1.1", tuple(headers), body, False
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
def test_unsendable_requests_are_listed_and_per_send_values_compared(
    echo_proxy: EchoProxy, tmp_path: Path
) -> None:
    """newman's own errors are listed, never failed; dynamic variables and per-send signatures
    are compared with wildcards: placeholders pass, made-up or missing values fail."""
    dynamic = {
        "method": "post",
        "url": "http://h/{{$guid}}?a={{$randomInt}}",
        "header": [{"key": "X-Id", "value": "{{$guid}}"}],
    }
    oauth1 = [
        {"key": "consumerKey", "value": "ck"},
        {"key": "consumerSecret", "value": "cs"},
        {"key": "signatureMethod", "value": "HMAC-SHA1"},
    ]
    collection = tmp_path / "c.json"
    collection.write_text(
        json.dumps(
            {
                "info": {"name": "edge", "schema": SCHEMA_V21},
                "item": [
                    {"name": "empty url", "request": {"method": "GET", "url": ""}},
                    {"name": "no request"},
                    {"name": "dynamic, made up", "request": dynamic},
                    {"name": "dynamic, placeholders", "request": dynamic},
                    {
                        "name": "oauth1 header",
                        "request": {
                            "method": "GET",
                            "url": "http://h/o?a=1",
                            "auth": {
                                "type": "oauth1",
                                "oauth1": [
                                    *oauth1,
                                    {"key": "addParamsToHeader", "value": True},
                                ],
                            },
                        },
                    },
                    {
                        "name": "oauth1 query",
                        "request": {
                            "method": "GET",
                            "url": "http://h/o?a=1",
                            "auth": {
                                "type": "oauth1",
                                "oauth1": [
                                    *oauth1,
                                    {"key": "addParamsToHeader", "value": False},
                                ],
                            },
                        },
                    },
                    {
                        "name": "hawk without its header",
                        "request": {
                            "method": "GET",
                            "url": "http://h/hawk",
                            "auth": {
                                "type": "hawk",
                                "hawk": [
                                    {"key": "authId", "value": "id"},
                                    {"key": "authKey", "value": "key"},
                                ],
                            },
                        },
                    },
                ],
            }
        )
    )
    scripts = {
        "/item/2": "curl -X POST 'http://h/x?a=1' -H 'X-Id: 1' -H 'Content-Length: 0'\n",
        "/item/3": "curl -g -X POST 'http://h/{{$guid}}?a={{$randomInt}}' -H 'X-Id: {{$guid}}' "
        "-H 'Content-Length: 0'\n",
        "/item/4": "curl 'http://h/o?a=1' -H 'Authorization: {{oauth1_authorization}}'\n",
        "/item/5": "curl 'http://h/o?a=1'\n",
        "/item/6": "curl 'http://h/hawk'\n",
    }
    snippets = {}
    for pointer, text in scripts.items():
        snippets[pointer] = tmp_path / f"{pointer.replace('/', '_')}.sh"
        snippets[pointer].write_text(text)
    report = run_conformance(
        collection,
        name="edge",
        proxy=echo_proxy,
        workdir=tmp_path / "w",
        project_root=PROJECT_ROOT,
        snippets=snippets,
    )
    verdicts = [(o.status, o.reasons[0][0] if o.reasons else None) for o in report.outcomes]
    assert verdicts == [
        ("listed", "newman could not send"),
        ("listed", "newman could not send"),
        ("mismatched", "request differs"),
        ("passed", None),
        ("passed", None),
        ("passed", None),
        ("mismatched", "request differs"),
    ], [o.render() for o in report.outcomes]
    assert "request url is empty" in report.outcomes[0].reasons[0][1]
    made_up, placeholders_, header, query, hawk = report.outcomes[2:]
    assert {d.key for d in made_up.diffs} == {"target", "header:x-id"}
    assert placeholders_.wildcards == ["path+query: $guid, $randomInt", "header x-id: $guid"]
    assert header.wildcards == ["header authorization: oauth1_authorization"]
    assert query.wildcards == [
        "oauth1 parameters left out: query oauth_consumer_key, query oauth_signature_method, "
        "query oauth_timestamp, query oauth_nonce, query oauth_signature"
    ]
    assert [(d.key, d.right) for d in hawk.diffs] == [("header:authorization", "(absent)")]
    assert report.summary_line().startswith("edge: 3 passed (3 compared with wildcards), 2 mism")


def _pair(
    newman: EchoRecord, curl: EchoRecord, rules: Mapping[str, ValueRule] | None = None
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(key, newman, curl) of every difference, and the wildcards used where equal."""
    result = compare_requests(
        normalise(newman, "newman", frozenset()), normalise(curl, "curl", frozenset()), rules=rules
    )
    return [(d.key, d.left, d.right) for d in result.diffs], result.wildcards


UUID = b"5a886465-9171-4aea-bc47-d0a806ab4b9b"


def test_placeholders_are_found_raw_and_percent_encoded() -> None:
    assert placeholders(
        b"{{$guid}}/%7B%7B%24guid%7D%7D/%7b%7b$randomInt%7d%7d?{{hawk_authorization}}&{{v}}"
    ) == ["$guid", "$guid", "$randomInt", "hawk_authorization"]
    for spelling in (b"{{$guid}}", b"%7B%7B%24guid%7D%7D", b"%7B%7B$guid%7D%7D"):
        assert _pair(_record([], target=b"/u/" + UUID), _record([], target=b"/u/" + spelling)) == (
            [],
            ["path+query: $guid"],
        )


def test_a_path_wildcard_does_not_swallow_a_segment() -> None:
    """The doctored snippet has one segment where newman has two: that must fail, whatever
    the placeholder's type."""
    for placeholder, value in ((b"{{$guid}}", UUID), (b"{{$randomCompanyName}}", b"Carter%20Inc")):
        curl = _record([], target=b"/u/" + placeholder + b"/x")
        assert _pair(_record([], target=b"/u/" + value + b"/x"), curl)[0] == []
        diffs, _ = _pair(_record([], target=b"/u/" + value + b"/extra/x"), curl)
        assert [d[0] for d in diffs] == ["target"]
    # a query wildcard stays inside its parameter
    curl = _record([], target=b"/q?a={{$randomWord}}")
    assert _pair(_record([], target=b"/q?a=word"), curl)[0] == []
    assert [d[0] for d in _pair(_record([], target=b"/q?a=word&b=2"), curl)[0]] == ["target"]


def test_typed_wildcards_check_the_value_shape() -> None:
    curl = _record([(b"X-Id", b"{{$guid}}"), (b"X-Ts", b"ts-{{$timestamp}}")])
    good = _record([(b"X-Id", UUID), (b"X-Ts", b"ts-1795737122")])
    assert _pair(good, curl) == ([], ["header x-id: $guid", "header x-ts: $timestamp"])
    bad = _record([(b"X-Id", b"not-a-uuid"), (b"X-Ts", b"ts-17957x")])
    assert [d[0] for d in _pair(bad, curl)[0]] == ["header:x-id", "header:x-ts"]
    # an empty value is no value
    assert _pair(_record([(b"X-W", b"")]), _record([(b"X-W", b"{{$randomWord}}")]))[0]


def test_a_wildcard_does_not_excuse_a_missing_or_extra_header() -> None:
    newman = _record([(b"X-Id", UUID), (b"X-Id", b"fixed")])
    assert _pair(newman, _record([(b"X-Id", b"fixed"), (b"X-Id", b"{{$guid}}")]))[0] == []
    assert _pair(newman, _record([(b"X-Id", b"{{$guid}}")]))[0] == [
        ("header:x-id", f"'{UUID.decode()}' + 'fixed'", "'{{$guid}}'")
    ]
    # the wildcard cannot take the exact twin's value and leave the other one unmatched
    assert _pair(newman, _record([(b"X-Id", b"{{$guid}}"), (b"X-Id", b"other")]))[0]
    assert _pair(_record([]), _record([(b"X-Id", b"{{$guid}}")]))[0] == [
        ("header:x-id", "(absent)", "'{{$guid}}'")
    ]


def test_content_length_may_differ_only_by_the_body_wildcards() -> None:
    template = b'{"id": "{{$guid}}", "n": {{$randomInt}}}'
    body = b'{"id": "' + UUID + b'", "n": 147}'
    curl = _record([(b"Content-Length", b"%d" % len(template))], template)
    assert _pair(_record([(b"Content-Length", b"%d" % len(body))], body), curl) == (
        [],
        ["body: $guid, $randomInt", "header content-length: +16 bytes from body wildcards"],
    )
    wrong = _record([(b"Content-Length", b"%d" % (len(body) + 1))], body)
    assert [d[0] for d in _pair(wrong, curl)[0]] == ["header:content-length"]
    # a body that does not match keeps Content-Length exact, and the wildcard does not cross
    # the closing quote into the next field
    other = b'{"id": "' + UUID + b'", "m": 147}'
    diffs, _ = _pair(_record([(b"Content-Length", b"%d" % len(other))], other), curl)
    assert [d[0] for d in diffs] == ["header:content-length", "body"]
    free = _record([], b'{"a": "{{$randomWord}}", "b": "x"}')
    assert _pair(_record([], b'{"a": "w", "b": "x"}'), free)[0] == []
    assert _pair(_record([], b'{"a": "w", "c": "y", "b": "x"}'), free)[0]


def test_form_and_multipart_wildcards() -> None:
    form = [(b"Content-Type", b"application/x-www-form-urlencoded")]
    curl = _record(form, b"id=%7B%7B%24guid%7D%7D&n={{$randomFirstName}}")
    assert _pair(_record(form, b"id=" + UUID + b"&n=Jamie"), curl)[0] == []
    assert _pair(_record(form, b"id=" + UUID + b"&n=Jamie&x=1"), curl)[0]

    def multipart(name: bytes, value: bytes) -> EchoRecord:
        body = b'--b\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n--b--\r\n' % (
            name,
            value,
        )
        return _record([(b"Content-Type", b"multipart/form-data; boundary=b")], body)

    template = multipart(b"{{$randomWord}}", b"{{$guid}}")
    assert _pair(multipart(b"word", UUID), template) == (
        [],
        ["body part 0 headers: $randomWord", "body part 0 content: $guid"],
    )
    # a free-form wildcard does not run past the closing quote into another parameter
    diffs, _ = _pair(multipart(b'word"; filename="x', UUID), template)
    assert [key for key, _, _ in diffs] == ["body"] and "filename" in diffs[0][1]


def test_auth_placeholders_and_signatures() -> None:
    hawk = b'Hawk id="id", ts="1795737020", nonce="eFRP2o", mac="BHXX1f6="'
    assert _pair(_record([(b"Authorization", hawk)]), _record([]))[0]  # header missing
    assert _pair(
        _record([(b"Authorization", hawk)]),
        _record([(b"Authorization", b"{{hawk_authorization}}")]),
    ) == ([], ["header authorization: hawk_authorization"])
    assert _pair(  # the wrong scheme
        _record([(b"Authorization", hawk)]),
        _record([(b"Authorization", b"{{oauth1_authorization}}")]),
    )[0]
    # a placeholder inside Basic credentials is compared decoded
    assert _pair(
        _record([(b"Authorization", b"Basic QnJpb25uYV9CaW5zOnB3")]),  # Brionna_Bins:pw
        _record([(b"Authorization", b"Basic e3skcmFuZG9tVXNlck5hbWV9fTpwdw==")]),
    ) == ([], ["header authorization: $randomUserName"])

    def aws(key: bytes, date: bytes, signature: bytes, sha: bytes = b"e3b0") -> EchoRecord:
        return _record(
            [
                (
                    b"Authorization",
                    b"AWS4-HMAC-SHA256 Credential=%s/20261126/us-east-1/s3/aws4_request, "
                    b"SignedHeaders=host;x-amz-date, Signature=%s" % (key, signature * 64),
                ),
                (b"X-Amz-Date", date),
                (b"X-Amz-Content-Sha256", sha),
            ]
        )

    rules = {"authorization": AWS_AUTHORIZATION, "x-amz-date": AWS_DATE}
    newman = aws(b"AKID", b"20261126T234917Z", b"a")
    assert _pair(newman, aws(b"AKID", b"20261126T234918Z", b"b"), rules=rules)[0] == []
    assert [
        d[0] for d in _pair(newman, aws(b"OTHER", b"20261126T234917Z", b"b"), rules=rules)[0]
    ] == ["header:authorization"]
    assert [d[0] for d in _pair(newman, aws(b"AKID", b"yesterday", b"a"), rules=rules)[0]] == [
        "header:x-amz-date"
    ]
    assert [
        d[0] for d in _pair(newman, aws(b"AKID", b"20261126T234917Z", b"a", b"f00"), rules=rules)[0]
    ] == ["header:x-amz-content-sha256"]

    digest = b'Digest username="u", realm="r", nonce="n", uri="/d", qop=auth, nc=00000001, '
    rules = {"authorization": DIGEST_AUTHORIZATION}
    a = _record([(b"Authorization", digest + b'cnonce="x1", response="aa"')])
    b = _record([(b"Authorization", digest + b'cnonce="y2", response="bb"')])
    assert _pair(a, b, rules=rules)[0] == []
    c = _record([(b"Authorization", digest.replace(b"/d", b"/e") + b'cnonce="y2", response="bb"')])
    assert _pair(a, c, rules=rules)[0]


def test_oauth1_params_are_left_out_on_both_sides() -> None:
    signed = b"oauth_consumer_key=ck&oauth_nonce=N0nce&oauth_signature=s%3D"
    form = [(b"Content-Type", b"application/x-www-form-urlencoded")]
    newman = normalise(
        _record(
            [*form, (b"Content-Length", b"%d" % (4 + len(signed)))],
            b"a=1&" + signed,
            target=b"/o?x=1&" + signed,
        ),
        "newman",
        frozenset(),
    )
    stripped, dropped = without_oauth1_params(newman)
    assert (stripped.target, stripped.body) == (b"/o?x=1", b"a=1")
    assert (("content-length", b"3") in stripped.headers) and len(dropped) == 6
    curl = normalise(
        _record([*form, (b"Content-Length", b"3")], b"a=1", b"/o?x=1"), "curl", frozenset()
    )
    assert compare(stripped, curl) == []
    only = without_oauth1_params(
        normalise(_record([], target=b"/o?" + signed), "newman", frozenset())
    )
    assert only[0].target == b"/o"
    # what is left must still match
    assert compare(
        stripped,
        without_oauth1_params(normalise(_record(form, b"a=2", b"/o?x=1"), "curl", frozenset()))[0],
    )


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
    """curl copying newman's own requests (with placeholders for its per-send values) must pass
    everywhere it can be compared, and two newman runs must agree wherever the harness does not
    expect them to differ."""
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
                with_placeholders(record, leaf, variables),
                tmp_path / "replay" / f"{leaf.index}.sh",
                noise,
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
    listed = {c for o in report.of("listed") for c, _ in o.reasons}
    assert listed <= {"file source missing here"}, report.summary_line()
