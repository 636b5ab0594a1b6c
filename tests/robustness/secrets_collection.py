"""A collection (and environment) with a distinctive secret in every place a credential lives.

Every secret is ``SECRET-<uuid>``-like text whose place is its name, so a leak names where it
came from. ``planted()`` maps each secret to the place (a JSON pointer or env key) it sits in.
"""

from __future__ import annotations

import json
import re
from typing import Any

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEAsecretPEMbodyPEMSECRETpemKEY0123456789abcdef\n"
    "-----END RSA PRIVATE KEY-----"
)


_SUFFIX = "7f3a9c"
#: What a planted secret looks like in any output (the PEM's body included).
SECRET_RE = re.compile(rf"SECRET-[A-Za-z0-9-]*{_SUFFIX}|secret-pem-{_SUFFIX}|PEMbodyPEM")


def secret(place: str) -> str:
    """The distinctive secret planted at ``place`` (letters, digits and dashes only)."""
    return "SECRET-" + "".join(c if c.isalnum() else "-" for c in place) + "-" + _SUFFIX


def _auth(kind: str, **params: str) -> dict[str, Any]:
    return {
        "type": kind,
        kind: [{"key": k, "value": v, "type": "string"} for k, v in params.items()],
    }


def _request(name: str, **request: Any) -> dict[str, Any]:
    url = request.pop("url", "https://api.example.com/v1/things")
    return {"name": name, "request": {"method": "POST", "url": url, "header": [], **request}}


def _s(name: str) -> str:
    return secret(name)


def items() -> list[dict[str, Any]]:
    """One request per credential place; its name says which."""
    auths = {
        "bearer": _auth("bearer", token=_s("bearer-token")),
        "basic": _auth("basic", username="alice", password=_s("basic-password")),
        "digest": _auth("digest", username="alice", password=_s("digest-password"), realm="r"),
        "ntlm": _auth("ntlm", username="alice", password=_s("ntlm-password")),
        "apikey-header": _auth("apikey", key="X-API-Key", value=_s("apikey-header-value")),
        "apikey-query": _auth(
            "apikey", key="api_key", value=_s("apikey-query-value"), **{"in": "query"}
        ),
        "awsv4": _auth(
            "awsv4",
            accessKey=_s("awsv4-accessKey"),
            secretKey=_s("awsv4-secretKey"),
            sessionToken=_s("awsv4-sessionToken"),
            region="eu-west-1",
            service="s3",
        ),
        "oauth1": _auth(
            "oauth1",
            consumerKey="ck",
            consumerSecret=_s("oauth1-consumerSecret"),
            token="tk",
            tokenSecret=_s("oauth1-tokenSecret"),
            signatureMethod="HMAC-SHA1",
        ),
        "oauth2": _auth("oauth2", accessToken=_s("oauth2-accessToken"), addTokenTo="header"),
        "hawk": _auth("hawk", authId="id", authKey=_s("hawk-authKey"), algorithm="sha256"),
        "env-bearer": _auth("bearer", token="{{env_token}}"),
    }
    out = [_request(f"auth {kind}", auth=auth) for kind, auth in auths.items()]
    headers = {
        "Authorization": "Bearer " + _s("header-Authorization"),
        "X-API-Key": _s("header-X-API-Key"),
        "X-Auth-Token": _s("header-X-Auth-Token"),
        "Cookie": "session=" + _s("header-Cookie"),
    }
    for key, value in headers.items():
        out.append(_request(f"header {key}", header=[{"key": key, "value": value}]))
    out.append(
        _request(
            "query",
            url="https://api.example.com/v1/things?access_token="
            + _s("query-access_token")
            + "&api_key="
            + _s("query-api_key"),
        )
    )
    form = [
        {"key": "password", "value": _s("urlencoded-password")},
        {"key": "client_secret", "value": _s("urlencoded-client_secret")},
        {"key": "grant_type", "value": "password"},
    ]
    out.append(_request("urlencoded", body={"mode": "urlencoded", "urlencoded": form}))
    parts = [
        {"key": "password", "value": _s("formdata-password"), "type": "text"},
        {"key": "api_key", "value": _s("formdata-api_key"), "type": "text"},
    ]
    out.append(_request("formdata", body={"mode": "formdata", "formdata": parts}))
    body = {
        "user": "alice",
        "password": _s("json-password"),
        "nested": {"client_secret": _s("json-client_secret"), "refresh_token": _s("json-rt")},
    }
    raw = {"mode": "raw", "raw": json.dumps(body), "options": {"raw": {"language": "json"}}}
    out.append(
        _request("json", body=raw, header=[{"key": "Content-Type", "value": "application/json"}])
    )
    out.append(
        _request(
            "env header",
            header=[
                {"key": "X-API-Key", "value": "{{env_api_key}}"},
                {"key": "X-Client-Cert", "value": "{{pem_key}}"},
            ],
            url="https://api.example.com/v1/things?token={{pem_key}}",
        )
    )
    return out


_VARIABLES = {
    "pem_key": PEM.replace("secret", _s("pem").lower()),
    "client_secret": _s("variable-client_secret"),  # referenced nowhere: never output
}
_ENVIRONMENT = {"env_token": _s("env-token"), "env_api_key": _s("env-api-key")}


def collection() -> dict[str, Any]:
    variables = [{"key": k, "value": v} for k, v in _VARIABLES.items()]
    return {"info": {"name": "secrets", "schema": SCHEMA}, "item": items(), "variable": variables}


def environment() -> dict[str, Any]:
    values = [{"key": k, "value": v, "enabled": True} for k, v in _ENVIRONMENT.items()]
    return {"name": "env", "values": values}


def planted() -> dict[str, str]:
    """Each secret that a request sends -> that request's pointer (``/item/N``)."""
    places = {}
    for index, item in enumerate(items()):
        text = json.dumps(item)
        for found in SECRET_RE.findall(text):
            places[found] = f"/item/{index}"
        for name, value in [*_VARIABLES.items(), *_ENVIRONMENT.items()]:
            if "{{" + name + "}}" in text:
                places[value] = f"/item/{index}"
    return places
