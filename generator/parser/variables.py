"""Collection variables, environment overrides, and reference problems (cycles, undefined).

A ``{{name}}`` a request sends (in its URL, headers, body or auth) that nothing defines (no
collection variable, no environment value, no ``pm.*.set("name", ...)`` in any script of the
collection, and not a dynamic ``{{$...}}``) is warned of once per request, at the JSON
pointer of its first use there. The output keeps it as a visible placeholder (or an
environment variable of the generated client).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

from generator.errors import Level, Problem
from generator.model.operation import BodyMode, Collection, FormPart, Operation, Param, Variable
from generator.parser.client import detect_oci
from generator.parser.values import js_text, opt_text
from generator.pointer import join
from generator.postman.variables import DYNAMIC_PREFIX, Scope, find_cycles, references, substitute

__all__ = ["parse_variables", "scope_of", "script_variables", "unresolved_variables"]

# pm.environment.set("name", ...), pm.collectionVariables.set('name', ...), the legacy
# postman.setEnvironmentVariable("name", ...): a name set by a script is defined at run time.
_SCRIPT_SET: Final = re.compile(
    r"""(?:\bpm\s*\.\s*(?:environment|globals|collectionVariables|variables|iterationData)"""
    r"""\s*\.\s*set|\bpostman\s*\.\s*set(?:Environment|Global)Variable)"""
    r"""\s*\(\s*(["'`])([^"'`\\]*)\1"""
)
# OCI's signed headers: the client's signer writes them (a script in Postman), whatever the
# collection puts there.
_OCI_SIGNED: Final = frozenset({"authorization", "date", "x-date", "x-content-sha256"})


def parse_variables(
    file: str,
    data: Mapping[str, Any],
    environment: Mapping[str, str | None] | None,
    problems: list[Problem],
) -> tuple[Variable, ...]:
    """The collection's variables (`variable`, or the legacy `variables` key), in order."""
    key = "variable" if "variable" in data else "variables"
    raw = data.get(key)
    out: list[Variable] = []
    if isinstance(raw, list):
        for i, entry in enumerate(raw):
            if not isinstance(entry, dict):
                continue
            name = entry.get("key")
            if name is None:
                name = entry.get("id")
            if name is None:
                continue
            out.append(
                Variable(
                    key=js_text(name),
                    value=opt_text(entry.get("value")),
                    pointer=join("/" + key, i),
                    disabled=entry.get("disabled") is True,
                )
            )
    env_layer, collection_layer = scope_layers(tuple(out), environment)
    merged = {**collection_layer, **env_layer}
    pointers = {v.key: v.pointer for v in out}
    for cycle in find_cycles(merged):
        where = pointers.get(cycle[0], "")
        chain = " -> ".join(f"{{{{{name}}}}}" for name in (*cycle, cycle[0]))
        problems.append(
            Problem(
                file, where, f"variables reference each other in a cycle: {chain}", Level.WARNING
            )
        )
    return tuple(out)


def scope_layers(
    variables: tuple[Variable, ...], environment: Mapping[str, str | None] | None
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """(environment, collection) layers: Postman looks in the environment first."""
    collection: dict[str, str | None] = {}
    for var in variables:
        # Postman's VariableList answers with the last enabled definition of a key.
        if not var.disabled:
            collection[var.key] = var.value
    return dict(environment or {}), collection


def scope_of(
    variables: tuple[Variable, ...], environment: Mapping[str, str | None] | None
) -> Scope:
    """The Scope a request is resolved in."""
    return Scope(scope_layers(variables, environment))


def script_variables(scripts: Iterable[str]) -> set[str]:
    """Names the scripts set (with a literal name) in any scope."""
    return {match.group(2) for script in scripts for match in _SCRIPT_SET.finditer(script)}


def _sent(op: Operation, signed_by_client: bool) -> Iterator[tuple[str, str | None]]:
    """(pointer, text) of every text of the request that Postman substitutes and sends (each
    on its own: Postman resolves a variable within one text)."""
    url = op.url
    if url.host is None and url.path is None:
        yield url.pointer, url.raw
    parts = (url.protocol, url.auth_user, url.auth_password, url.port, url.hash)
    for text in (*(url.host or ()), *(url.path or ()), *parts):
        yield url.pointer, text
    for param in (*url.query, *op.headers):
        if param.disabled:
            continue
        if signed_by_client and param.key.strip().lower() in _OCI_SIGNED:
            continue  # (no query parameter has such a name and a client signer)
        yield param.pointer, param.key
        yield param.pointer, param.value
    for variable in url.variables:
        yield variable.pointer, variable.value
    body = op.body
    if body is not None and not body.disabled:
        if body.mode is BodyMode.RAW:
            yield join(body.pointer, "raw"), body.raw
        fields: tuple[Param | FormPart, ...] = ()
        if body.mode is BodyMode.URLENCODED:
            fields = body.fields
        elif body.mode is BodyMode.FORMDATA:
            fields = body.parts
        for field in fields:
            if not field.disabled:
                yield field.pointer, field.key
                yield field.pointer, field.value
        if body.mode is BodyMode.GRAPHQL:
            yield body.pointer, body.graphql_query
            yield body.pointer, body.graphql_variables
    auth = op.auth
    if auth is not None and auth.kind not in ("noauth", "inherit"):
        for _, value in auth.params:
            yield auth.pointer, value


def unresolved_variables(
    collection: Collection, environment: Mapping[str, str | None] | None
) -> list[Problem]:
    """A warning per request and per variable it uses that is defined nowhere."""
    scope = scope_of(collection.variables, environment)
    scripts = [event.script for event in collection.root.events]
    scripts += [event.script for op in collection.operations for event in op.events]
    set_by_scripts = script_variables(dict.fromkeys(scripts))
    unset = (
        "no collection variable, environment value or script sets it"
        if environment is not None
        else "no collection variable or script sets it, and no environment was given"
    )
    problems = []
    for op in collection.operations:
        warned: set[str] = set()
        for pointer, text in _sent(op, detect_oci(op)):
            if text is None or "{{" not in text:
                continue
            for name in references(substitute(text, scope)):
                if (
                    name in warned
                    or name.startswith(DYNAMIC_PREFIX)
                    or name in set_by_scripts
                    or scope.lookup(name) is not None  # defined, left over from a cycle
                ):
                    continue
                warned.add(name)
                problems.append(
                    Problem(
                        collection.file,
                        pointer,
                        f"variable {{{{{name}}}}} is defined nowhere ({unset}): it is left "
                        "unresolved in the output",
                        Level.WARNING,
                    )
                )
    return problems
