"""A collection item's `request` -> method, Url, headers and Body of the model."""

from __future__ import annotations

from typing import Any

from generator.model.operation import Body, BodyMode, FormPart, Param, Url
from generator.parser.values import description, js_json, js_text, opt_text
from generator.pointer import join
from generator.postman.url import parse, split_host

__all__ = ["parse_body", "parse_headers", "parse_method", "parse_url"]


def parse_method(request: dict[str, Any]) -> str:
    """Postman upper-cases the method and defaults to GET."""
    method = request.get("method")
    return "GET" if method is None else js_text(method).upper()


def _params(raw: Any, pointer: str) -> tuple[Param, ...]:
    if not isinstance(raw, list):
        return ()
    out = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            continue
        key = entry.get("key")
        if key is None:
            key = entry.get("id")
        value = entry.get("value")
        notes = entry.get("description")
        # The usual case (text, or no value) inline: a large collection has some 20k params.
        out.append(
            Param(
                key if type(key) is str else js_text(key),
                value if value is None or type(value) is str else js_text(value),
                join(pointer, i),
                entry.get("disabled") is True,
                notes if type(notes) is str else description(notes),
            )
        )
    return tuple(out)


def parse_headers(raw: Any, pointer: str) -> tuple[Param, ...]:
    """Headers as a list of objects, or Postman's older "Key: value" lines."""
    if isinstance(raw, str):
        out = []
        for line in raw.replace("\r\n", "\n").split("\n"):
            key, sep, value = line.partition(":")
            if sep and key.strip() and " " not in key.strip():
                out.append(Param(key=key.strip(), value=value.strip(), pointer=pointer))
        return tuple(out)
    return _params(raw, pointer)


def _segment(value: Any) -> str:
    # The v2.0 format allowed path segments as {"type": "string", "value": ...}.
    if isinstance(value, dict):
        return js_text(value.get("value"))
    return js_text(value)


def parse_url(raw: Any, pointer: str) -> Url:
    """A URL given as a string or as Postman's object form (then `raw` is only a label)."""
    if isinstance(raw, str) or raw is None:
        text = raw or ""
        p = parse(text)
        return Url(
            raw=text,
            pointer=pointer,
            protocol=p.protocol,
            auth_user=p.auth[0] if p.auth else None,
            auth_password=p.auth[1] if p.auth else None,
            host=p.host,
            port=p.port,
            path=p.path,
            query=tuple(
                Param(key=q.key or "", value=q.value, pointer=join(pointer)) for q in p.query
            ),
            variables=tuple(Param(key=k, value=v, pointer=pointer) for k, v in p.variables),
            hash=p.hash,
        )
    host = raw.get("host")
    if isinstance(host, str):
        host_parts: tuple[str, ...] | None = split_host(host)
    elif isinstance(host, list):
        host_parts = tuple(js_text(h) for h in host)
    else:
        host_parts = None
    path = raw.get("path")
    if isinstance(path, str):
        stripped = path[1:] if path.startswith("/") and len(path) > 1 else path
        path_parts: tuple[str, ...] | None = (
            None if not stripped else ("",) if stripped == "/" else tuple(stripped.split("/"))
        )
    elif isinstance(path, list):
        path_parts = tuple(_segment(s) for s in path)
    else:
        path_parts = None
    query = raw.get("query")
    if isinstance(query, str):
        q = parse("?" + query).query
        query_params = tuple(
            Param(key=i.key or "", value=i.value, pointer=join(pointer, "query")) for i in q
        )
    else:
        query_params = _params(query, join(pointer, "query"))
    auth = raw.get("auth")
    port = raw.get("port")
    protocol = raw.get("protocol")
    hash_ = raw.get("hash")
    return Url(
        raw=js_text(raw.get("raw")) if raw.get("raw") is not None else "",
        pointer=pointer,
        protocol=js_text(protocol) if protocol else None,
        auth_user=opt_text(auth.get("user")) if isinstance(auth, dict) else None,
        auth_password=opt_text(auth.get("password")) if isinstance(auth, dict) else None,
        host=host_parts,
        port=js_text(port) if port is not None else None,
        path=path_parts,
        query=query_params,
        variables=_params(raw.get("variable"), join(pointer, "variable")),
        hash=js_text(hash_) if hash_ is not None else None,
    )


def _form_parts(raw: Any, pointer: str) -> tuple[FormPart, ...]:
    if not isinstance(raw, list):
        return ()
    out = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            continue
        is_file = entry.get("type") == "file"
        src = entry.get("src")
        if isinstance(src, list):
            srcs = tuple(js_text(s) for s in src if s)
        elif src:
            srcs = (js_text(src),)
        else:
            srcs = ()
        content_type = entry.get("contentType")
        file_name = entry.get("fileName")
        out.append(
            FormPart(
                key=js_text(entry.get("key")),
                pointer=join(pointer, i),
                is_file=is_file,
                value=opt_text(entry.get("value")),
                src=srcs,
                content_type=content_type
                if isinstance(content_type, str) and content_type
                else None,
                file_name=file_name if isinstance(file_name, str) else None,
                disabled=entry.get("disabled") is True,
                description=description(entry.get("description")),
            )
        )
    return tuple(out)


def parse_body(raw: Any, pointer: str) -> Body | None:
    """A request body; None when there is none at all."""
    if not isinstance(raw, dict):
        return None
    mode = raw.get("mode")
    disabled = raw.get("disabled") is True
    if mode == "raw":
        options = raw.get("options")
        language = None
        if isinstance(options, dict) and isinstance(options.get("raw"), dict):
            lang = options["raw"].get("language")
            language = lang if isinstance(lang, str) else None
        return Body(
            BodyMode.RAW, pointer, raw=js_text(raw.get("raw")), language=language, disabled=disabled
        )
    if mode == "urlencoded":
        return Body(
            BodyMode.URLENCODED,
            pointer,
            fields=_params(raw.get("urlencoded"), join(pointer, "urlencoded")),
            disabled=disabled,
        )
    if mode == "formdata":
        return Body(
            BodyMode.FORMDATA,
            pointer,
            parts=_form_parts(raw.get("formdata"), join(pointer, "formdata")),
            disabled=disabled,
        )
    if mode == "file":
        file = raw.get("file")
        src = file.get("src") if isinstance(file, dict) else None
        return Body(
            BodyMode.FILE, pointer, file_src=js_text(src) if src else None, disabled=disabled
        )
    if mode == "graphql":
        gql = raw.get("graphql")
        if not isinstance(gql, dict):
            return Body(BodyMode.GRAPHQL, pointer, disabled=disabled)
        variables = gql.get("variables")
        query = gql.get("query")
        op_name = gql.get("operationName")
        return Body(
            BodyMode.GRAPHQL,
            pointer,
            graphql_query=query if isinstance(query, str) else None,
            graphql_operation_name=op_name if isinstance(op_name, str) else None,
            graphql_variables=variables if isinstance(variables, str) else None,
            graphql_variables_json=(
                None if isinstance(variables, str) or "variables" not in gql else js_json(variables)
            ),
            disabled=disabled,
        )
    return Body(BodyMode.NONE, pointer, disabled=disabled)
