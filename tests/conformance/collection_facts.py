"""What the harness must know about a raw collection: leaves, an environment, per-item caveats.

Everything here reads the collection JSON directly (never the generator), so the harness stays an
independent oracle.  The caveats say how each request is compared: Postman dynamic variables
(``{{$guid}}``...) and auth schemes whose output is random or time-based differ between any two
sends by design, so those fields are compared with wildcards or value rules (``wildcards``) and
are not held against newman when its two runs differ there; a few are never comparable (a
digest hash over a dynamic value, a missing file); and pre-request scripts (stripped for the
run) mean the static form we compare is not what Postman would send.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .wildcards import AWS_AUTHORIZATION, AWS_DATE, ValueRule

__all__ = [
    "ItemFacts",
    "Leaf",
    "auth_param",
    "build_environment",
    "collection_variables",
    "effective_auth",
    "is_v1",
    "item_facts",
    "leaves",
    "load_collection",
    "referenced_variables",
    "resolve",
]

#: The same pattern postman-collection uses for ``{{name}}`` substitution.
VARIABLE_RE = re.compile(r"\{\{([^{}]*?)\}\}")
#: Postman's own substitution depth limit.
_MAX_DEPTH = 19

#: Auth schemes that sign with the current time (and usually a nonce): the fields they fill vary
#: on every send.  Two concurrent newman runs often fall in the same second, so this cannot be
#: learned by running newman twice.  The snippet sends ``{{<type>_authorization}}`` (a wildcard
#: for the scheme's prefix), or lets curl sign (awsv4: compared by ``_AUTH_RULES``).
_TIMED_AUTH: dict[str, frozenset[str]] = {
    "oauth1": frozenset({"header:authorization"}),
    "hawk": frozenset({"header:authorization"}),
    "awsv4": frozenset({"header:authorization", "header:x-amz-date"}),
    "edgegrid": frozenset({"header:authorization"}),
    "asap": frozenset({"header:authorization"}),
    "jwt": frozenset({"header:authorization"}),
}
_AUTH_RULES: dict[str, dict[str, ValueRule]] = {
    "awsv4": {"authorization": AWS_AUTHORIZATION, "x-amz-date": AWS_DATE},
}
#: Auth schemes whose header hashes the URL, credentials and body: a dynamic value in them
#: changes the hash on every send, and the snippet cannot carry a placeholder for it.
_HASHING_AUTH = frozenset({"digest"})
#: Auth schemes that add a client nonce only in some configurations (digest with ``qop``, the
#: NTLM handshake): masked only where two newman runs really differ.
_NONCE_AUTH: dict[str, frozenset[str]] = {
    "digest": frozenset({"header:authorization"}),
    "ntlm": frozenset({"header:authorization"}),
}
DYNAMIC_HASHED = "{} auth hashes a dynamic variable"


def load_collection(path: Path) -> dict[str, Any]:
    """Read a collection like newman does: UTF-8, a leading BOM tolerated."""
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JSON object")
    return data


def is_v1(doc: Mapping[str, Any]) -> bool:
    """A v1 collection has a flat ``requests`` list (and ``order``) instead of ``item``."""
    return "item" not in doc and isinstance(doc.get("requests"), list)


@dataclass(frozen=True, slots=True)
class Leaf:
    """A request item in newman's iteration order, with the folders above it (outermost first)."""

    index: int
    pointer: str  # RFC 6901, e.g. /item/3/item/0
    item: Mapping[str, Any]
    ancestors: tuple[Mapping[str, Any], ...]  # collection root first, then folders

    @property
    def name(self) -> str:
        return str(self.item.get("name", ""))

    @property
    def request(self) -> Mapping[str, Any]:
        request = self.item.get("request")
        if isinstance(request, str):  # v2 allows a bare URL string
            return {"url": request, "method": "GET"}
        return request if isinstance(request, Mapping) else {}


def leaves(doc: Mapping[str, Any]) -> list[Leaf]:
    """Leaf items depth-first in collection order, as newman iterates them.

    A leaf is any item without an ``item`` array (so an empty folder is not one).
    """
    found: list[Leaf] = []

    def walk(
        node: Mapping[str, Any], pointer: str, ancestors: tuple[Mapping[str, Any], ...]
    ) -> None:
        children = node.get("item")
        if not isinstance(children, list):
            return
        for i, child in enumerate(children):
            if not isinstance(child, Mapping):
                continue
            child_pointer = f"{pointer}/item/{i}"
            if isinstance(child.get("item"), list):
                walk(child, child_pointer, (*ancestors, node))
            else:
                found.append(Leaf(len(found), child_pointer, child, (*ancestors, node)))

    walk(doc, "", ())
    return found


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def referenced_variables(node: Any) -> set[str]:
    """Every ``{{name}}`` used anywhere below ``node``, dynamic ``{{$...}}`` ones excluded."""
    names: set[str] = set()
    for text in _strings(node):
        names.update(m for m in VARIABLE_RE.findall(text) if not m.startswith("$"))
    return names


def collection_variables(doc: Mapping[str, Any]) -> dict[str, str]:
    """Enabled collection variables (``variable``, or the legacy ``variables`` key) by key."""
    found: dict[str, str] = {}
    for key in ("variables", "variable"):
        entries = doc.get(key)
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, Mapping) and isinstance(entry.get("key"), str):
                if entry.get("disabled") is True:
                    continue
                value = entry.get("value")
                found[entry["key"]] = value if isinstance(value, str) else json.dumps(value)
    return found


def environment_value(name: str) -> str:
    """``v-name``: lower-case and URL-safe, so an unresolved host such as
    ``iaas.{{region}}.oraclecloud.com`` becomes a sendable ``iaas.v-region.oraclecloud.com``
    (lower case, because newman lower-cases hosts and curl does not)."""
    return "v-" + re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-")


def build_environment(doc: Mapping[str, Any], name: str) -> dict[str, Any]:
    """A Postman environment giving a value to every referenced non-collection variable."""
    defined = collection_variables(doc)
    missing = sorted(referenced_variables(doc) - defined.keys())
    return {
        "id": "postgen-conformance-env",
        "name": name,
        "values": [
            {"key": key, "value": environment_value(key), "type": "default", "enabled": True}
            for key in missing
        ],
        "_postman_variable_scope": "environment",
    }


def resolve(text: str, variables: Mapping[str, str]) -> str:
    """Substitute known variables the way Postman does (nested, bounded depth)."""
    for _ in range(_MAX_DEPTH):
        replaced = VARIABLE_RE.sub(lambda m: variables.get(m.group(1), m.group(0)), text)
        if replaced == text:
            break
        text = replaced
    return text


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """Why (parts of) one request cannot be compared exactly, in reportable words."""

    masked: frozenset[str]  # fields never comparable: "target", "body", "header:<name>"...
    reasons: tuple[tuple[str, str], ...]  # (category, detail): why those fields are masked
    #: fields Postman fills anew on every send (dynamic variables, timed auth): compared with
    #: wildcards or rules, and never blamed on newman when its two runs differ there
    varying: frozenset[str]
    rules: Mapping[str, ValueRule]  # header name -> how its send-time value is compared
    oauth1_params: bool  # oauth1 signs into the query or form body (compared without them)
    #: (auth type, fields it may fill with a client nonce): masked only where two newman runs
    #: really differ, since e.g. digest without qop is deterministic
    nonce_auth: tuple[str, frozenset[str]] | None
    script_dependent: str | None  # where a pre-request script would have changed the request
    missing_files: tuple[str, ...]  # file sources that do not exist here
    user_headers: frozenset[str]  # lower-cased names of the headers the request itself sets


def _dynamic(node: Any, variables: Mapping[str, str]) -> bool:
    return any("{{$" in resolve(text, variables) for text in _strings(node) if "{{" in text)


def _has_script(node: Mapping[str, Any], listen: str) -> bool:
    events = node.get("event")
    if not isinstance(events, list):
        return False
    for event in events:
        if not isinstance(event, Mapping) or event.get("listen") != listen:
            continue
        if event.get("disabled") is True:
            continue
        script = event.get("script")
        exec_ = script.get("exec") if isinstance(script, Mapping) else None
        lines = exec_ if isinstance(exec_, list) else [exec_]
        if any(isinstance(line, str) and line.strip() for line in lines):
            return True
    return False


def effective_auth(leaf: Leaf) -> Mapping[str, Any] | None:
    """The auth block Postman applies: the nearest one, request first, then folders, then root."""
    for node in (leaf.request, *(a for a in reversed(leaf.ancestors))):
        auth = node.get("auth")
        if isinstance(auth, Mapping) and auth.get("type") not in (None, "inherit"):
            return auth
    return None


def auth_param(auth: Mapping[str, Any], key: str) -> Any:
    """One parameter of an auth block: v2.1 ``[{key, value}]`` or v2.0 ``{name: value}``."""
    params = auth.get(str(auth.get("type")))
    if isinstance(params, list):
        for param in params:
            if isinstance(param, Mapping) and param.get("key") == key:
                return param.get("value")
    elif isinstance(params, Mapping):
        return params.get(key)
    return None


def _file_sources(body: Mapping[str, Any]) -> list[str]:
    """File paths a body reads (formdata file parts, or the ``file`` body mode)."""
    mode = body.get("mode")
    sources: list[Any] = []
    if mode == "formdata" and isinstance(body.get("formdata"), list):
        for part in body["formdata"]:
            if (
                isinstance(part, Mapping)
                and part.get("type") == "file"
                and not part.get("disabled")
            ):
                src = part.get("src")
                sources.extend(src if isinstance(src, list) else [src])
    elif mode == "file" and isinstance(body.get("file"), Mapping):
        sources.append(body["file"].get("src"))
    return [s for s in sources if isinstance(s, str) and s]


def item_facts(leaf: Leaf, variables: Mapping[str, str], workdir: Path) -> ItemFacts:
    """Masks and listing reasons for one leaf.

    ``variables`` must hold every value the run uses (collection variables and the environment),
    so a dynamic variable hidden behind a collection variable is still found.
    """
    request = leaf.request
    masked: set[str] = set()
    varying: set[str] = set()
    reasons: list[tuple[str, str]] = []

    dynamic_parts: list[str] = []
    if _dynamic(request.get("url"), variables):
        varying.update({"target", "origin", "header:host"})
        dynamic_parts.append("url")
    headers = request.get("header")
    for header in headers if isinstance(headers, list) else []:
        if (
            isinstance(header, Mapping)
            and not header.get("disabled")
            and _dynamic(header, variables)
        ):
            name = resolve(str(header.get("key", "")), variables).strip().lower()
            varying.add(f"header:{name}")
            dynamic_parts.append(f"header {name}")
    body = request.get("body")
    if isinstance(body, Mapping) and not body.get("disabled") and _dynamic(body, variables):
        varying.update({"body", "header:content-length", "header:content-type"})
        dynamic_parts.append("body")
    auth = effective_auth(leaf)
    auth_type = str(auth.get("type")) if auth is not None else ""
    if auth is not None and _dynamic(auth, variables):
        varying.update({"target", "body", "header:authorization", "header:content-length"})
        if auth_type == "apikey":  # the key names a header of its own
            key = resolve(str(auth_param(auth, "key") or ""), variables).strip().lower()
            varying.add(f"header:{key}")
        dynamic_parts.append("auth")
    if auth_type in _HASHING_AUTH and {"url", "body", "auth"} & set(dynamic_parts):
        masked.add("header:authorization")
        reasons.append((DYNAMIC_HASHED.format(auth_type), ", ".join(dynamic_parts)))

    nonce_auth = (auth_type, _NONCE_AUTH[auth_type]) if auth_type in _NONCE_AUTH else None
    oauth1_params = False
    if auth is not None and auth_type in _TIMED_AUTH:
        varying |= _TIMED_AUTH[auth_type]
        # Postman's runtime signs into the query or body unless told otherwise
        oauth1_params = auth_type == "oauth1" and auth_param(auth, "addParamsToHeader") not in (
            True,
            "true",
        )

    script_dependent = None
    for node in (leaf.item, *reversed(leaf.ancestors)):
        if _has_script(node, "prerequest"):
            where = (
                "item"
                if node is leaf.item
                else (
                    "collection"
                    if node is leaf.ancestors[0]
                    else f"folder {node.get('name', '?')!r}"
                )
            )
            script_dependent = f"pre-request script ({where})"
            break

    missing: list[str] = []
    if isinstance(body, Mapping) and not body.get("disabled"):
        for src in _file_sources(body):
            path = Path(resolve(src, variables))
            if not (path if path.is_absolute() else workdir / path).is_file():
                missing.append(src)

    return ItemFacts(
        frozenset(masked),
        tuple(reasons),
        frozenset(varying),
        _AUTH_RULES.get(auth_type, {}),
        oauth1_params,
        nonce_auth,
        script_dependent,
        tuple(missing),
        frozenset(_user_header_names(request, variables)),
    )


def _user_header_names(request: Mapping[str, Any], variables: Mapping[str, str]) -> set[str]:
    """Enabled header names of the request (v2 also allows one ``Name: value`` string per line)."""
    headers = request.get("header")
    names: set[str] = set()
    if isinstance(headers, str):
        for line in headers.splitlines():
            name, colon, _ = line.partition(":")
            if colon:
                names.add(resolve(name, variables).strip().lower())
    elif isinstance(headers, list):
        for header in headers:
            if isinstance(header, Mapping) and not header.get("disabled"):
                names.add(resolve(str(header.get("key", "")), variables).strip().lower())
    return names
