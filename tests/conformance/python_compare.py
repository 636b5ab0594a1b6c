"""Compare what a Python SDK call sent with newman's request: what the server acts on, decoded.

The SDK is not a byte-for-byte replay of Postman (httpx encodes a query or a form its own way,
serialises JSON compactly, picks its own multipart boundary), so the comparison is semantic:

* **method** exactly, **origin** (scheme, host, port) exactly, **path** byte for byte;
* **query** as decoded (name, value) pairs in order (``+`` and ``%20`` are both a space, and
  ``flag`` is ``flag=``);
* **headers** the request itself carries (the collection's, and anything else either side sends
  that is not client noise or framing): names case-insensitively, values exactly.  Client noise
  (newman's ``Postman-Token``, ``PostmanRuntime``/``python-httpx`` User-Agent, default
  ``Accept-Encoding``/``Connection``/``Cache-Control``) counts only where the collection sets the
  header itself; framing (``Content-Length``, ``Host``, ``Transfer-Encoding``) never;
* **auth** headers and query parameters (``Authorization``, ``X-Amz-*``, OCI's ``date`` and
  ``x-content-sha256``, an API key's header or parameter) by presence, as often on both sides,
  with the scheme of ``Authorization`` checked (the access key and scope for awsv4, every
  digest parameter but the client nonce and response) -- the SDK signs with its own time,
  nonce and configured credentials;
* **body**: JSON by value (objects unordered, numbers by value, booleans and null strictly),
  urlencoded forms as decoded pairs in order, multipart as parts (names, file names, contents;
  part order is compared per name, since httpx sends text fields before files), anything else
  byte for byte.

Placeholders the snippet carries for values Postman makes up per send (``{{$guid}}``...) are
wildcards, as on the curl side (``wildcards.match_value``), here matched against decoded values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

from .compare import Comparison, FieldDiff, Normalised, Part, _pairing, count_diff
from .echo_proxy import show
from .wildcards import ValueRule, match_value, template

__all__ = [
    "AuthExpectation",
    "Opaque",
    "compare_python",
    "decoded_pairs",
    "scheme_rule",
    "without_json_comments",
]

#: Never compared: they frame the message, and the body is compared instead.
_FRAMING = frozenset({"content-length", "host", "transfer-encoding"})
_FORM = b"application/x-www-form-urlencoded"
_SHOW = 300
_PARAM_RE = re.compile(rb';\s*([A-Za-z0-9_*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


@dataclass(frozen=True, slots=True)
class AuthExpectation:
    """What the request's auth writes, and how those values are compared."""

    kind: str  # the Postman auth type ("oci" for OCI signing; "" for none)
    headers: frozenset[str] = frozenset()  # lower-case names, compared by presence
    query: frozenset[bytes] = frozenset()  # parameter names, compared by presence
    #: header -> how its value is checked on top of presence (the scheme, an access key)
    rules: Mapping[str, ValueRule] | None = None
    #: header groups that count as one (OCI signs ``date`` or accepts ``x-date``)
    groups: tuple[frozenset[str], ...] = ()
    #: headers the SDK may add where newman's static form has none (a signing pre-request
    #: script was stripped), with why
    may_add: Mapping[str, str] | None = None
    #: headers the SDK may leave out where newman's static form has them, with why
    may_omit: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Opaque:
    """Names whose values the snippet does not carry by design (the generator keeps what looks
    like a credential out of snippets, and warns): only their presence is compared."""

    headers: frozenset[str] = frozenset()  # lower-case
    query: frozenset[bytes] = frozenset()
    form: frozenset[bytes] = frozenset()  # urlencoded and multipart field names
    json_keys: frozenset[str] = frozenset()  # object keys, at any depth

    def __bool__(self) -> bool:
        return bool(self.headers or self.query or self.form or self.json_keys)


def scheme_rule(prefix: bytes, why: str) -> ValueRule:
    """The SDK's value starts with ``prefix`` (case-insensitive); newman's only has to be there."""
    lowered = prefix.lower()
    return ValueRule(why, lambda _newman, python: python.lower().startswith(lowered))


def _unquote(data: bytes) -> bytes:
    return unquote_to_bytes(data.replace(b"+", b" "))


def decoded_pairs(data: bytes) -> list[tuple[bytes, bytes]]:
    """``a=1&b=x+y&c`` as [(a, 1), (b, x y), (c, )], percent-decoded; empty pieces dropped."""
    pairs: list[tuple[bytes, bytes]] = []
    for piece in data.split(b"&"):
        if not piece:
            continue
        name, _, value = piece.partition(b"=")
        pairs.append((_unquote(name), _unquote(value)))
    return pairs


def _values(request: Normalised, name: str) -> list[bytes]:
    return [v for n, v in request.headers if n == name]


def _media_type(request: Normalised) -> bytes:
    values = _values(request, "content-type")
    return values[0].split(b";")[0].strip().lower() if values else b""


def _is_json_type(media_type: bytes) -> bool:
    return media_type in (b"application/json", b"text/json") or media_type.endswith(b"+json")


def _pairs_diff(
    field: str,
    left: list[tuple[bytes, bytes]],
    right: list[tuple[bytes, bytes]],
    key: str,
    result: Comparison,
    opaque: frozenset[bytes] = frozenset(),
) -> FieldDiff | None:
    """Ordered decoded pairs; the SDK's side may carry placeholders in names or values, and
    the values of ``opaque`` names are not compared."""
    names: list[str] = []
    same = len(left) == len(right)
    for (ln, lv), (rn, rv) in zip(left, right, strict=False):
        if not same:
            break
        ok_name, found_name = match_value(ln, rn, "text")
        if ok_name and ln in opaque:
            if lv != rv:
                result.unchecked.append(f"{field} {show(ln)}")
            names += found_name
            continue
        ok_value, found_value = match_value(lv, rv, "text")
        same = ok_name and ok_value
        names += [*found_name, *found_value]
    if same:
        result.used(field, names)
        return None

    def render(pairs: list[tuple[bytes, bytes]]) -> str:
        return repr([(show(n), show(v, _SHOW)) for n, v in pairs])

    return FieldDiff(key, f"{field} (decoded pairs)", render(left), render(right))


# -- JSON ---------------------------------------------------------------------------------


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _pointer(path: tuple[str, ...]) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in path) or "(root)"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:120] + "..."


#: One difference: where, newman's value, the SDK's value (as shown to a human).
_Diff = tuple[str, str, str]


def _json_diffs(
    left: Any,
    right: Any,
    path: tuple[str, ...],
    diffs: list[_Diff],
    names: list[str],
    opaque: frozenset[str] = frozenset(),
    unchecked: list[str] | None = None,
) -> None:
    """Differences between newman's JSON value and the SDK's, by JSON pointer (the values of
    ``opaque`` keys are not compared, only noted in ``unchecked``)."""
    kind_l, kind_r = _json_kind(left), _json_kind(right)
    if kind_r == "string" and kind_l != "string":
        # a placeholder the snippet carries for a dynamic value that Postman sent as a number
        found = template(right.encode("utf-8"), "text")
        if found is not None and found.matches(json.dumps(left).encode("utf-8")):
            names += found.names
            return
    if kind_l != kind_r:
        diffs.append((_pointer(path), _short(left), _short(right)))
        return
    if kind_l == "object":
        for key in sorted(left.keys() - right.keys()):
            diffs.append((_pointer((*path, key)), _short(left[key]), "(absent)"))
        for key in sorted(right.keys() - left.keys()):
            diffs.append((_pointer((*path, key)), "(absent)", _short(right[key])))
        for key in (k for k in left if k in right):  # newman's order: stable reports
            if key in opaque:
                if left[key] != right[key] and unchecked is not None:
                    unchecked.append(f"body json {_pointer((*path, key))}")
                continue
            _json_diffs(left[key], right[key], (*path, key), diffs, names, opaque, unchecked)
    elif kind_l == "array":
        if len(left) != len(right):
            diffs.append((_pointer(path), f"{len(left)} items", f"{len(right)} items"))
        for i, (a, b) in enumerate(zip(left, right, strict=False)):
            _json_diffs(a, b, (*path, str(i)), diffs, names, opaque, unchecked)
    elif kind_l == "string":
        ok, matched = match_value(left.encode("utf-8"), right.encode("utf-8"), "text")
        if ok:
            names += matched
        else:
            diffs.append((_pointer(path), _short(left), _short(right)))
    elif left != right:  # numbers by value (1 == 1.0, a rounded big integer is not), null, bool
        diffs.append((_pointer(path), _short(left), _short(right)))


_JSONC_RE = re.compile(rb'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/', re.DOTALL)


def without_json_comments(data: bytes) -> bytes | None:
    """``data`` without ``//`` and ``/* */`` comments, if it is JSON only once they are gone."""
    if _parse_json(data)[0]:
        return None
    stripped = _JSONC_RE.sub(lambda m: m.group(0) if m.group(0).startswith(b'"') else b"", data)
    return stripped if stripped != data and _parse_json(stripped)[0] else None


def _parse_json(data: bytes) -> tuple[bool, Any]:
    try:
        return True, json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False, None


# -- multipart ----------------------------------------------------------------------------


def _disposition(part: Part) -> dict[bytes, bytes]:
    value = dict(part.headers).get("content-disposition", b"")
    params: dict[bytes, bytes] = {}
    for match in _PARAM_RE.finditer(value):
        raw = match.group(2).strip()
        if raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2:
            raw = re.sub(rb"\\(.)", rb"\1", raw[1:-1])
        params[match.group(1).lower()] = raw
    return params


def _parts_diffs(
    left: tuple[Part, ...],
    right: tuple[Part, ...],
    result: Comparison,
    opaque: frozenset[bytes] = frozenset(),
) -> list[_Diff]:
    def by_name(parts: tuple[Part, ...]) -> dict[bytes, list[tuple[bytes | None, bytes]]]:
        grouped: dict[bytes, list[tuple[bytes | None, bytes]]] = {}
        for part in parts:
            params = _disposition(part)
            grouped.setdefault(params.get(b"name", b""), []).append(
                (params.get(b"filename"), part.content)
            )
        return grouped

    a, b = by_name(left), by_name(right)
    diffs: list[_Diff] = []
    names: list[str] = []

    def file_name(value: bytes | None) -> str:
        return "(no file name)" if value is None else repr(show(value))

    for name in sorted(a.keys() | b.keys()):
        la, lb = a.get(name, []), b.get(name, [])
        if len(la) != len(lb):
            diffs.append((f"part {show(name)!r}", f"sent {len(la)}x", f"sent {len(lb)}x"))
            continue
        for i, ((fa, ca), (fb, cb)) in enumerate(zip(la, lb, strict=True)):
            where = f"part {show(name)!r}" + (f" #{i + 1}" if len(la) > 1 else "")
            if fa is None or fb is None:
                if fa != fb:
                    diffs.append((f"{where} file name", file_name(fa), file_name(fb)))
            else:
                ok, found = match_value(fa, fb, "part-header")
                if not ok:
                    diffs.append((f"{where} file name", file_name(fa), file_name(fb)))
                names += found
            if name in opaque and fa is None and fb is None:  # a text part's credential
                if ca != cb:
                    result.unchecked.append(f"form {show(name)}")
                continue
            ok, found = match_value(ca, cb, "text")
            if ok:
                names += found
            else:
                diffs.append((f"{where} content", repr(show(ca, _SHOW)), repr(show(cb, _SHOW))))
    if not diffs:
        result.used("body parts", names)
    return diffs


# -- the comparison -----------------------------------------------------------------------


def _body_diffs(
    left: Normalised, right: Normalised, result: Comparison, opaque: Opaque
) -> list[FieldDiff]:
    if left.parts is not None or right.parts is not None:
        if left.parts is None or right.parts is None:
            return [
                FieldDiff(
                    "body",
                    "body (multipart on one side only)",
                    repr(show(left.body, _SHOW)),
                    repr(show(right.body, _SHOW)),
                )
            ]
        return [
            FieldDiff("body", f"body multipart {where}", a, b)
            for where, a, b in _parts_diffs(left.parts, right.parts, result, opaque.form)
        ]
    if left.body == right.body:
        return []
    media_l, media_r = _media_type(left), _media_type(right)
    # a form on either side is compared as one (a Content-Type difference shows as a header)
    if _FORM in (media_l, media_r):
        diff = _pairs_diff(
            "body form",
            decoded_pairs(left.body),
            decoded_pairs(right.body),
            "body",
            result,
            opaque.form,
        )
        return [diff] if diff else []
    ok_l, value_l = _parse_json(left.body)
    ok_r, value_r = _parse_json(right.body)
    # a JSON document (whatever the Content-Type, which is compared as a header) by value;
    # a bare JSON scalar only where a JSON type says it is one ("1" may just be text)
    if (
        ok_l
        and ok_r
        and (isinstance(value_l, dict | list) or _is_json_type(media_l) or _is_json_type(media_r))
    ):
        found_diffs: list[_Diff] = []
        names: list[str] = []
        _json_diffs(value_l, value_r, (), found_diffs, names, opaque.json_keys, result.unchecked)
        if not found_diffs:
            result.used("body json", names)
            return []
        return [FieldDiff("body", f"body json {where}", a, b) for where, a, b in found_diffs]
    ok, found = match_value(left.body, right.body, "text")
    if ok:
        result.used("body", found)
        return []
    i = next(
        (k for k, (x, y) in enumerate(zip(left.body, right.body, strict=False)) if x != y),
        min(len(left.body), len(right.body)),
    )
    start = max(0, i - 40)
    return [
        FieldDiff(
            "body",
            f"body (lengths {len(left.body)} vs {len(right.body)}, first difference at byte {i})",
            repr(show(left.body[start : i + 80])),
            repr(show(right.body[start : i + 80])),
        )
    ]


def _header_map(request: Normalised, skip: Iterable[str]) -> dict[str, list[bytes]]:
    skipped = set(skip)
    found: dict[str, list[bytes]] = {}
    for name, value in request.headers:
        if name not in skipped:
            found.setdefault(name, []).append(value)
    return found


def _auth_diffs(
    left: Normalised,
    right: Normalised,
    auth: AuthExpectation,
    masked: frozenset[str],
    result: Comparison,
    opaque: Opaque,
) -> list[FieldDiff]:
    diffs: list[FieldDiff] = []
    rules = auth.rules or {}
    may_add = auth.may_add or {}
    may_omit = auth.may_omit or {}
    grouped = {name for group in auth.groups for name in group}
    units: list[tuple[str, frozenset[str]]] = [("/".join(sorted(g)), g) for g in auth.groups]
    units += [(name, frozenset({name})) for name in sorted(auth.headers - grouped)]
    for label, names in units:
        a = [v for n, v in left.headers if n in names]
        b = [v for n, v in right.headers if n in names]
        if not a and not b:
            continue
        if not a and label in may_add:
            result.wildcards.append(f"header {label}: {may_add[label]}")
            continue
        if not b and label in may_omit:
            result.wildcards.append(f"header {label}: {may_omit[label]}")
            continue
        if len(a) != len(b):
            diffs.append(
                FieldDiff(
                    f"header:{label}",
                    f"header {label} (auth; compared by presence)",
                    " + ".join(repr(show(v, _SHOW)) for v in a) or "(absent)",
                    " + ".join(repr(show(v, _SHOW)) for v in b) or "(absent)",
                )
            )
            continue
        rule = rules.get(label)
        if a == b or f"header:{label}" in masked or rule is None:
            if a != b:
                result.wildcards.append(f"header {label}: auth value, compared by presence")
            continue
        if _pairing(a, b, rule.check) is not None:
            result.wildcards.append(f"header {label}: {rule.why}")
            continue
        if label in opaque.headers:
            # the request's own header, which the auth leaves alone (an empty token)
            result.unchecked.append(f"header {label}")
            continue
        diffs.append(
            FieldDiff(
                f"header:{label}",
                f"header {label} ({rule.why})",
                " + ".join(repr(show(v, _SHOW)) for v in a),
                " + ".join(repr(show(v, _SHOW)) for v in b),
            )
        )
    return diffs


def compare_python(
    left: Normalised,
    right: Normalised,
    auth: AuthExpectation,
    masked: frozenset[str] = frozenset(),
    rules: Mapping[str, ValueRule] | None = None,
    may_add: Mapping[str, tuple[bytes, str]] | None = None,
    opaque: Opaque | None = None,
) -> Comparison:
    """Every difference between newman's request (``left``) and the SDK's (``right``).

    ``masked`` fields (``target``, ``body``, ``header:<name>``) are compared by presence only;
    ``rules`` compare headers whose values are made per send (as on the curl side);
    ``may_add`` names headers the SDK may send where newman sends none, with the value they
    must have and why (an OCI signer's default ``content-type``); ``opaque`` names fields whose
    values the snippet does not carry by design (compared by presence, noted in ``unchecked``).
    """
    rules = rules or {}
    may_add = may_add or {}
    opaque = opaque or Opaque()
    result = Comparison()
    diffs = result.diffs
    if left.method != right.method:
        diffs.append(FieldDiff("method", "method", left.method, right.method))
    if left.origin != right.origin and "origin" not in masked:
        ok, names = match_value(left.origin.encode(), right.origin.encode(), "host")
        if ok:
            result.used("origin", names)
        else:
            diffs.append(FieldDiff("origin", "origin", left.origin, right.origin))

    if "target" not in masked:
        path_l, _, query_l = left.target.partition(b"?")
        path_r, _, query_r = right.target.partition(b"?")
        ok, names = match_value(path_l, path_r, "path")
        if ok:
            result.used("path", names)
        else:
            diffs.append(FieldDiff("path", "path", repr(show(path_l)), repr(show(path_r))))
        pairs_l = [p for p in decoded_pairs(query_l) if p[0] not in auth.query]
        pairs_r = [p for p in decoded_pairs(query_r) if p[0] not in auth.query]
        if diff := _pairs_diff("query", pairs_l, pairs_r, "query", result, opaque.query):
            diffs.append(diff)
        for param in sorted(auth.query):
            count_l = sum(1 for n, _ in decoded_pairs(query_l) if n == param)
            count_r = sum(1 for n, _ in decoded_pairs(query_r) if n == param)
            if count_l != count_r:
                diffs.append(
                    FieldDiff(
                        "query",
                        f"query {show(param)} (auth; compared by presence)",
                        f"sent {count_l}x",
                        f"sent {count_r}x",
                    )
                )
            elif count_l:
                result.wildcards.append(f"query {show(param)}: auth value, compared by presence")

    skip = _FRAMING | auth.headers | {n for g in auth.groups for n in g}
    headers_l, headers_r = _header_map(left, skip), _header_map(right, skip)
    for name in sorted(headers_l.keys() | headers_r.keys()):
        a, b = sorted(headers_l.get(name, [])), sorted(headers_r.get(name, []))
        if a == b:
            continue
        if not a and name in may_add and b == [may_add[name][0]]:
            result.wildcards.append(f"header {name}: {may_add[name][1]}")
            continue
        if f"header:{name}" in masked or name in opaque.headers:
            if name in opaque.headers and len(a) == len(b):
                result.unchecked.append(f"header {name}")
            if len(a) != len(b):
                diffs.append(count_diff(name, a, b))
            continue
        rule = rules.get(name)
        check = rule.check if rule else (lambda x, y: match_value(x, y, "header")[0])
        pairs = _pairing(a, b, check)
        if pairs is not None:
            if rule is not None:
                result.wildcards.append(f"header {name}: {rule.why}")
            else:
                result.used(
                    f"header {name}",
                    (n for i, j in pairs for n in match_value(a[i], b[j], "header")[1]),
                )
            continue
        diffs.append(
            FieldDiff(
                f"header:{name}",
                f"header {name}" + (f" ({rule.why})" if rule is not None else ""),
                " + ".join(repr(show(v, _SHOW)) for v in a) or "(absent)",
                " + ".join(repr(show(v, _SHOW)) for v in b) or "(absent)",
            )
        )
    diffs += _auth_diffs(left, right, auth, masked, result, opaque)
    if "body" not in masked:
        diffs += _body_diffs(left, right, result, opaque)
    return result
