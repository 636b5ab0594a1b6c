"""Which header and query names carry credentials, so their values never reach output.

A collection's example values go into usage snippets; a token someone saved in a header
must not. The test is on the name's words (``X-API-Key`` -> x, api, key), not on values.
"""

from __future__ import annotations

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


# A word after a credential word that makes the name about the credential, not the credential
# (token_type_hint, RoleSessionName, secret_type, password_expires).
_ABOUT: Final = frozenset(
    {
        "type",
        "hint",
        "name",
        "url",
        "uri",
        "endpoint",
        "expiry",
        "expires",
        "expiration",
        "ttl",
        "duration",
        "timeout",
        "length",
        "count",
        "format",
        "status",
        "kind",
        "policy",
    }
)


def is_secret_name(name: str) -> bool:
    """True for names such as Authorization, X-API-Key, access_token, client_secret, Cookie."""
    words = snake_case(name).split("_")

    def about(index: int) -> bool:
        return index < len(words) and words[index] in _ABOUT

    for i, word in enumerate(words):
        if word in _WORDS and not about(i + 1):
            return True
        if word == "token" and (i == 0 or words[i - 1] in _TOKEN_KINDS) and not about(i + 1):
            return True
        if tuple(words[i : i + 2]) in _PAIRS and not about(i + 2):
            return True
    return False
