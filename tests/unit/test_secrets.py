"""Credential-looking header and query names: their example values stay out of snippets."""

from __future__ import annotations

import pytest

from generator.parser.secrets import is_secret_name


@pytest.mark.parametrize(
    "name",
    [
        "Authorization",
        "X-API-Key",
        "apiKey",
        "access_token",
        "client_secret",
        "Cookie",
        "X-Auth-Token",
        "password",
        "AWS-Access-Key",
        "session",
        "token",
        "X-Token",
        "refresh_token",
        "x-sfdc-session",
        "session_id",
        "api_key_value",
    ],
)
def test_credentials(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Accept",
        "author",
        "keyword",
        "if-match",
        "opc-retry-token",
        "nextPageToken",
        "continuation_token",
        "limit",
        "key",
        "token_type_hint",
        "RoleSessionName",
        "secret_type",
        "password_expires",
        "api_key_name",
    ],
)
def test_not_credentials(name: str) -> None:
    assert not is_secret_name(name)
