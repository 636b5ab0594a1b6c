"""Resource nouns: the singular thing a URL path or a JSON array key names.

Model names read better after the resource than after the request (``BootVolumeBackup``
rather than ``GetBootVolumeBackupResponse``), but only where the path says clearly what
comes back. :func:`path_resource` finds the last literal segment of a path and whether an
id follows it; ``generator/parser/models.py`` decides with the method and the body's shape
whether that is clear. The English rules are deliberately few: a noun they cannot make
singular is not treated as a plural, and callers fall back to their other names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from generator.model.naming import pascal_case

__all__ = ["PathResource", "path_resource", "singular"]

# Plurals the suffix rules below would get wrong.
_IRREGULAR: Final = {
    "aliases": "alias",
    "analyses": "analysis",
    "children": "child",
    "cookies": "cookie",
    "indices": "index",
    "movies": "movie",
    "people": "person",
    "series": "series",
    "species": "species",
    "statuses": "status",
}
# Endings that look plural but are not (class, status, analysis, metrics stays metrics).
_NOT_PLURAL: Final = ("ss", "us", "is", "ics", "news")
_ES_PLURALS: Final = ("sses", "uses", "xes", "ches", "shes", "zzes")

_WORDY: Final = re.compile(r"[A-Za-z][A-Za-z_-]*[A-Za-z]")


def singular(name: str) -> str:
    """The singular of a PascalCase name's last word (``BootVolumeBackups`` -> ``...Backup``).

    Returns ``name`` unchanged when it does not read as a plural.
    """
    lower = name.lower()
    for plural, one in _IRREGULAR.items():
        if lower.endswith(plural):
            return name[: len(name) - len(plural)] + name[-len(plural)] + one[1:]
    if lower.endswith(_NOT_PLURAL) or not lower.endswith("s"):
        return name
    if lower.endswith("ies") and len(name) > 4:
        return name[:-3] + "y"
    if lower.endswith(_ES_PLURALS):
        return name[:-2]
    return name[:-1]


@dataclass(frozen=True, slots=True)
class PathResource:
    """The singular PascalCase noun of a path's last literal segment, and whether an id follows."""

    name: str
    item: bool


def _variable(segment: str) -> bool:
    return segment.startswith(":") or (segment.startswith("{{") and segment.endswith("}}"))


def path_resource(path: tuple[str, ...] | None) -> PathResource | None:
    """``/bootVolumeBackups`` and ``/bootVolumeBackups/:id`` -> ``BootVolumeBackup``.

    None unless the last literal segment is a plural word followed by at most one variable
    segment (``/users/:id/actions/resend`` names an action, not a resource).
    """
    segments = [s for s in path or () if s]
    variables_after = 0
    while segments and _variable(segments[-1]):
        segments.pop()
        variables_after += 1
    if not segments or variables_after > 1 or not _WORDY.fullmatch(segments[-1]):
        return None
    noun = pascal_case(segments[-1])
    one = singular(noun)
    if one == noun:
        return None
    return PathResource(one, item=variables_after == 1)
