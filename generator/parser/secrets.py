"""Which header and query names carry credentials, so their values never reach output.

A collection's example values go into usage snippets; a token someone saved in a header
must not. The test is on the name's words (``X-API-Key`` -> x, api, key), not on values.
"""

from __future__ import annotations

import itertools
from typing import Final

from generator.model.naming import snake_case

__all__ = ["is_secret_name"]

_WORDS: Final = frozenset(
    {
        "authorization",
        "secret",
        "password",
        "passwd",
        "pwd",
        "apikey",
        "cookie",
        "signature",
        "credential",
        "credentials",
        "session",
    }
)
_PAIRS: Final = frozenset({("api", "key"), ("access", "key"), ("private", "key"), ("auth", "key")})
# "token" alone, or after one of these; not retry, page or continuation tokens.
_TOKEN_KINDS: Final = frozenset(
    {"access", "auth", "refresh", "id", "api", "bearer", "session", "security", "oauth", "jwt", "x"}
)


def is_secret_name(name: str) -> bool:
    """True for names such as Authorization, X-API-Key, access_token, client_secret, Cookie."""
    words = snake_case(name).split("_")
    if any(word in _WORDS for word in words):
        return True
    if any(w == "token" and (i == 0 or words[i - 1] in _TOKEN_KINDS) for i, w in enumerate(words)):
        return True
    return any(pair in _PAIRS for pair in itertools.pairwise(words))
