"""The folder/item tree walk: Folder and Operation nodes with item paths and pointers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Level, Problem
from generator.memo import fingerprint, made_of
from generator.model.naming import ModuleName, PyIdent, module_name, unique
from generator.model.operation import Auth, Collection, Event, Folder, Operation, Variable
from generator.parser.auth import effective, parse_auth
from generator.parser.examples import parse_examples
from generator.parser.requests import parse_body, parse_headers, parse_method, parse_url
from generator.parser.values import description, js_text
from generator.parser.variables import parse_variables, unresolved_variables
from generator.pointer import join

__all__ = ["parse_collection"]

# Attributes the generated client needs for itself; folders may not take these names.
_RESERVED_MODULES = frozenset({"auth", "client", "errors", "models", "api", "snippets"})
# Attributes of the generated Client besides the collection's top-level requests.
_CLIENT_ATTRIBUTES = frozenset({"close", "aclose", "last_response", "base_url", "auth"})


@dataclass(slots=True)
class _Context:
    """What a walk carries down the tree: inherited auth, scripts and behaviours."""

    file: str
    problems: list[Problem]
    auth_chain: tuple[Auth | None, ...] = ()
    events: tuple[Event, ...] = ()
    behaviour: dict[str, Any] = field(default_factory=dict)
    examples: bool = True
    """Parse the saved example responses (``--only curl`` needs none)."""


def _events(raw: Any, pointer: str) -> tuple[Event, ...]:
    # Real collections sometimes hold one event object instead of a list.
    entries = [(pointer, raw)] if isinstance(raw, dict) else []
    if isinstance(raw, list):
        entries = [(join(pointer, i), entry) for i, entry in enumerate(raw)]
    out = []
    for ptr, entry in entries:
        if not isinstance(entry, dict) or entry.get("disabled") is True:
            continue
        script = entry.get("script")
        exec_ = script.get("exec") if isinstance(script, dict) else None
        if isinstance(exec_, list):
            text = "\n".join(js_text(line) for line in exec_)
        else:
            text = js_text(exec_) if exec_ is not None else ""
        out.append(Event(js_text(entry.get("listen")), text, ptr))
    return tuple(out)


def _fallback_name(method: str, url_raw: str) -> str:
    # "GET {{baseUrl}}/users/:id" -> "get users id": a readable stand-in for an unusable name.
    path = url_raw.split("?", 1)[0]
    words = [w for w in path.replace("{{", "/").replace("}}", "/").split("/") if w]
    return " ".join([method.lower(), *words[1:]]) if len(words) > 1 else method.lower()


def _walk(
    items: list[Any],
    pointer: str,
    parent_path: tuple[str, ...],
    modules: tuple[ModuleName, ...],
    ctx: _Context,
) -> tuple[tuple[Folder, ...], tuple[Operation, ...], list[Operation]]:
    """Parse one level; returns its folders, its own operations and all operations below."""
    folders: list[Folder] = []
    ops: list[Operation] = []
    flat: list[Operation] = []
    folder_entries = []
    op_entries = []
    for i, raw in enumerate(items):
        ptr = join(pointer, i)
        if not isinstance(raw, dict):
            ctx.problems.append(
                Problem(ctx.file, ptr, "item is not an object; skipped", Level.WARNING)
            )
            continue
        if isinstance(raw.get("item"), list):
            folder_entries.append((i, raw, ptr))
        else:
            op_entries.append((i, raw, ptr))

    folder_names = unique(
        [js_text(raw.get("name")) for _, raw, _ in folder_entries],
        ModuleName,
        fallbacks=["folder"] * len(folder_entries),
        reserved=_RESERVED_MODULES,
    )
    op_requests = []
    for _, raw, ptr in op_entries:
        request = raw.get("request")
        if isinstance(request, str):
            request = {"url": request}
        if not isinstance(request, dict):
            ctx.problems.append(
                Problem(
                    ctx.file, ptr, "item has no request; nothing generated for it", Level.WARNING
                )
            )
            request = None
        op_requests.append(request)
    op_fallbacks = [
        _fallback_name(parse_method(req), _url_label(req.get("url"))) if req else "operation"
        for req in op_requests
    ]
    # A method may not take the attribute name of a sibling folder (or, at the top level,
    # one of the client's own attributes).
    op_reserved = set(folder_names) | (set() if modules else _CLIENT_ATTRIBUTES)
    op_names = unique(
        [js_text(raw.get("name")) for _, raw, _ in op_entries],
        PyIdent,
        fallbacks=op_fallbacks,
        reserved=op_reserved,
    )
    by_index: dict[int, Folder | Operation] = {}
    flat_by_index: dict[int, list[Operation]] = {}
    for (i, raw, ptr), mod in zip(folder_entries, folder_names, strict=True):
        name = js_text(raw.get("name"))
        path = (*parent_path, name)
        auth = parse_auth(raw.get("auth"), join(ptr, "auth"))
        events = _events(raw.get("event"), join(ptr, "event"))
        child = _Context(
            ctx.file,
            ctx.problems,
            (*ctx.auth_chain, auth),
            ctx.events + events,
            {**ctx.behaviour, **_behaviour(raw)},
            ctx.examples,
        )
        sub_folders, sub_ops, sub_flat = _walk(
            raw["item"], join(ptr, "item"), path, (*modules, mod), child
        )
        by_index[i] = Folder(
            name=name,
            item_path=path,
            pointer=ptr,
            module_name=mod,
            description=description(raw.get("description")),
            auth=auth,
            folders=sub_folders,
            operations=sub_ops,
            events=events,
        )
        flat_by_index[i] = sub_flat
    # What an operation is parsed from besides its item (see _operation), for its fingerprint.
    inherited = fingerprint((ctx.auth_chain, ctx.events, ctx.behaviour, ctx.examples))
    folders_path = "/".join(modules)
    for (i, raw, ptr), fn, request in zip(op_entries, op_names, op_requests, strict=True):
        if request is None:
            continue
        op = _operation(raw, request, ptr, fn, parent_path, modules, ctx)
        # Fingerprinted by its item as loaded (plain data: quicker than pickling the
        # operation, see memo._key) and all else it is parsed from; without the saved
        # responses when they are not parsed (--only curl).
        item = raw if ctx.examples else {k: v for k, v in raw.items() if k != "response"}
        made_of(op, (item, ptr, str(fn), parent_path, folders_path, inherited))
        by_index[i] = op
        flat_by_index[i] = [op]
    for i in sorted(by_index):
        node = by_index[i]
        if isinstance(node, Folder):
            folders.append(node)
        else:
            ops.append(node)
        flat.extend(flat_by_index[i])
    return tuple(folders), tuple(ops), flat


def _url_label(url: Any) -> str:
    if isinstance(url, str):
        return url
    if isinstance(url, dict):
        if isinstance(url.get("raw"), str):
            return str(url["raw"])
        path = url.get("path")
        if isinstance(path, list):
            return "x/" + "/".join(js_text(p) for p in path)
    return ""


def _disabled_headers(value: Any) -> frozenset[str]:
    if not isinstance(value, dict):
        return frozenset()
    return frozenset(str(name).lower() for name, off in value.items() if off)


def _behaviour(raw: Mapping[str, Any]) -> dict[str, Any]:
    value = raw.get("protocolProfileBehavior")
    return dict(value) if isinstance(value, dict) else {}


def _operation(
    raw: dict[str, Any],
    request: dict[str, Any],
    ptr: str,
    function_name: PyIdent,
    parent_path: tuple[str, ...],
    modules: tuple[ModuleName, ...],
    ctx: _Context,
) -> Operation:
    req_ptr = join(ptr, "request")
    name = js_text(raw.get("name"))
    auth_raw = request.get("auth")
    own_auth = parse_auth(auth_raw, join(req_ptr, "auth"))
    auth = effective((*ctx.auth_chain, own_auth))
    if auth is not None and auth.kind == "inherit":
        ctx.problems.append(
            Problem(
                ctx.file,
                auth.pointer,
                'auth type "inherit" does not inherit in Postman: the request is sent without auth',
                Level.WARNING,
            )
        )
    events = ctx.events + _events(raw.get("event"), join(ptr, "event"))
    behaviour = {**ctx.behaviour, **_behaviour(raw)}
    item_id = raw.get("id")
    return Operation(
        name=name,
        item_path=(*parent_path, name),
        item_id=item_id if isinstance(item_id, str) else None,
        pointer=ptr,
        function_name=function_name,
        folder_modules=modules,
        description=description(request.get("description")),
        method=parse_method(request),
        url=parse_url(request.get("url"), join(req_ptr, "url")),
        headers=parse_headers(request.get("header"), join(req_ptr, "header")),
        body=parse_body(request.get("body"), join(req_ptr, "body")),
        auth=auth,
        examples=(
            parse_examples(raw.get("response"), join(ptr, "response")) if ctx.examples else ()
        ),
        events=events,
        scripted=any(e.listen == "prerequest" and e.script.strip() for e in events),
        disable_body_pruning=behaviour.get("disableBodyPruning") is True,
        disable_url_encoding=behaviour.get("disableUrlEncoding") is True,
        disabled_system_headers=_disabled_headers(behaviour.get("disabledSystemHeaders")),
    )


def parse_collection(
    file: str,
    data: dict[str, Any],
    version: str,
    environment: Mapping[str, str | None] | None = None,
    *,
    examples: bool = True,
) -> tuple[Collection, tuple[Problem, ...]]:
    """Build the model of a loaded (already validated) collection (``examples=False``: the
    operations without their saved example responses)."""
    problems: list[Problem] = []
    info = data.get("info") if isinstance(data.get("info"), dict) else {}
    assert isinstance(info, dict)
    variables: tuple[Variable, ...] = parse_variables(file, data, environment, problems)
    auth = parse_auth(data.get("auth"), "/auth")
    events = _events(data.get("event"), "/event")
    ctx = _Context(file, problems, (auth,), events, _behaviour(data), examples)
    items = data.get("item")
    folders, ops, flat = _walk(items if isinstance(items, list) else [], "/item", (), (), ctx)
    name = js_text(info.get("name"))
    root = Folder(
        name=name,
        item_path=(),
        pointer="",
        module_name=module_name(name, fallback="collection"),
        description=description(info.get("description")),
        auth=auth,
        folders=folders,
        operations=ops,
        events=events,
    )
    postman_id = info.get("_postman_id")
    schema = info.get("schema")
    collection = Collection(
        file=file,
        name=name,
        postman_id=postman_id if isinstance(postman_id, str) else None,
        schema=schema if isinstance(schema, str) else "",
        version=version,
        description=root.description,
        variables=variables,
        auth=auth,
        root=root,
        operations=tuple(flat),
    )
    problems += unresolved_variables(collection, environment)
    return collection, tuple(problems)
