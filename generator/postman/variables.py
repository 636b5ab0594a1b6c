"""`{{name}}` substitution with Postman's rules: scopes, nesting, dynamic variables, cycles."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

__all__ = [
    "DYNAMIC_PREFIX",
    "VAR_RE",
    "Scope",
    "find_cycles",
    "references",
    "substitute",
]

# Postman's own pattern (postman-collection Substitutor.REGEX_EXTRACT_VARS).
VAR_RE = re.compile(r"\{\{([^{}]*?)}}")
# Postman's runtime gives up after this many substitution passes (nested references).
_PASS_LIMIT = 19
_NESTED_GROWTH = 1 << 16
DYNAMIC_PREFIX = "$"


class Scope:
    """Variable layers searched in order (environment before collection), first hit wins.

    Dynamic variables (`{{$guid}}`) are never resolved here: they stay visible as
    placeholders because their value is made fresh on every send.
    """

    __slots__ = ("_layers", "size")

    def __init__(self, layers: Sequence[Mapping[str, str | None]]) -> None:
        self._layers = tuple(layers)
        #: The length of all values together: what resolving can legitimately add.
        self.size = sum(len(value or "") for layer in self._layers for value in layer.values())

    def lookup(self, name: str) -> str | None:
        """The value of `name` (None values count as ""), or None when undefined."""
        for layer in self._layers:
            if name in layer:
                value = layer[name]
                return "" if value is None else value
        return None

    def names(self) -> set[str]:
        """Every defined name."""
        return {name for layer in self._layers for name in layer}


def substitute(text: str, scope: Scope) -> str:
    """Resolve `{{name}}` references as Postman does: repeated passes for nested values.

    Nested passes may add no more than all the values together (or _NESTED_GROWTH): a cycle
    such as `{{a}}` = `x{{a}}{{a}}`, or a chain of doubling references, grows exponentially
    (Postman builds megabytes; we would run out of memory). What is left over stays a
    visible `{{a}}` (cycles are warned of).
    """
    if "{{" not in text:
        return text
    replaced = size = limit = 0

    def repl(match: re.Match[str]) -> str:
        nonlocal replaced, size
        value = scope.lookup(match.group(1))
        if value is None:
            return match.group(0)
        grown = size + len(value) - len(match.group(0))
        if limit and grown > limit:
            return match.group(0)
        size = grown
        replaced += 1
        return value

    for passes in range(_PASS_LIMIT):
        replaced, size = 0, len(text)
        if passes == 1:
            limit = size + max(_NESTED_GROWTH, scope.size)
        text = VAR_RE.sub(repl, text)
        if not replaced:
            break
    return text


def references(text: str) -> Iterator[str]:
    """Names referenced by `text` (dynamic ones included)."""
    for match in VAR_RE.finditer(text):
        yield match.group(1)


def find_cycles(values: Mapping[str, str | None]) -> list[tuple[str, ...]]:
    """Reference cycles among variables (`a -> b -> a`), each reported once, sorted."""
    graph = {
        name: sorted({ref for ref in references(value or "") if ref in values})
        for name, value in values.items()
    }
    cycles: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    for start in sorted(graph):
        if state.get(start):
            continue
        # Iterative DFS: collections can hold long reference chains.
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if state.get(child) == 1:
                cycle = tuple(path[path.index(child) :])
                turn = cycle.index(min(cycle))
                cycles.add(cycle[turn:] + cycle[:turn])
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return sorted(cycles)
