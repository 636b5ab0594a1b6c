"""Postman auth blocks -> per-request signer settings (what the client passes as AUTH_SETTINGS).

Postman's semantics (AUTH_SEMANTICS.md): flags are JavaScript-truthy (the string "false" is
true), empty settings take Postman's defaults, and no credential ever becomes a setting.
"""

from __future__ import annotations

from typing import Any

from generator.model.client import AuthScheme
from generator.parser.auth import parse_auth
from generator.parser.signer_settings import signer_settings
from generator.postman.variables import Scope

SCOPE = Scope([{"region": "eu-central-1", "flag": ""}])


def _settings(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    block = {"type": kind, kind: [{"key": k, "value": v} for k, v in params.items()]}
    auth = parse_auth(block, "/auth")
    return dict(signer_settings(auth, AuthScheme(kind), SCOPE))


def test_awsv4_defaults_and_variables() -> None:
    assert _settings("awsv4", {"accessKey": "AKID", "secretKey": "S"}) == {
        "region": "us-east-1",
        "service": "execute-api",
    }
    # a variable is configuration: left to the signer the user builds
    assert _settings("awsv4", {"region": "{{region}}", "service": "sts"}) == {"service": "sts"}


def test_oauth1_flags_are_javascript_truthy() -> None:
    settings = _settings(
        "oauth1",
        {
            "consumerKey": "ck",
            "consumerSecret": "cs",
            "token": "t",
            "addParamsToHeader": "false",  # a non-empty string: true
            "includeBodyHash": False,
            "disableHeaderEncoding": "{{flag}}",  # resolves to "": false
            "signatureMethod": "",
        },
    )
    assert settings == {
        "signature_method": "HMAC-SHA1",
        "version": None,
        "include_body_hash": False,
        "add_params_to_header": True,
        "add_empty_params_to_sign": False,
        "disable_header_encoding": False,
    }


def test_no_credential_becomes_a_setting() -> None:
    secrets = {
        "apikey": {"value": "v"},
        "oauth2": {"accessToken": "AT", "refreshToken": "RT", "clientSecret": "CS"},
        "hawk": {"authId": "id", "authKey": "key"},
        "digest": {"username": "u", "password": "p"},
        "basic": {"username": "u", "password": "p"},
        "bearer": {"token": "t"},
    }
    for kind, params in secrets.items():
        values = set(map(str, _settings(kind, params).values()))
        assert not values & set(params.values()), kind


def test_digest_precomputed_challenge() -> None:
    assert _settings(
        "digest",
        {"username": "u", "realm": "r", "nonce": "n", "nonceCount": "0000000a"},
    ) == {"realm": "r", "nonce": "n", "nonce_count": 10}


def test_only_the_requests_own_type() -> None:
    auth = parse_auth({"type": "basic", "basic": []}, "/auth")
    assert signer_settings(auth, AuthScheme.OCI, SCOPE) == ()
    assert signer_settings(None, AuthScheme.AWSV4, SCOPE) == ()
