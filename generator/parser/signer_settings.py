"""A request's Postman auth parameters -> the settings its generated signer signs it with.

Postman stores the auth with each request, so one collection can sign one request with
HMAC-SHA256 and the next with HMAC-SHA1, or call STS and API Gateway with one AWS key. The
client passes these settings with the request (``auth.AUTH_SETTINGS``) and the signer given
to the client applies them for that request only. Only settings are taken, never credentials,
and only values written in the collection: a ``{{variable}}`` is configuration, left to the
signer the user builds (``default_auth`` reads the collection's defaults for it).
"""

from __future__ import annotations

import enum
import re
from typing import Final

from generator.model.client import AuthScheme, SettingValue
from generator.model.operation import Auth
from generator.postman.variables import Scope, substitute

__all__ = ["POSTMAN_DEFAULTS", "postman_defaults", "signer_settings"]


class _Kind(enum.Enum):
    TEXT = "text"  # set when written (not empty, not a variable)
    DEFAULTED = "defaulted"  # as TEXT, else Postman's default (unless a variable)
    FLAG = "flag"  # always set: JavaScript truthiness, as Postman's handlers test it
    OPTIONAL = "optional"  # always set: the text, or None when empty or absent
    HEX_COUNT = "hex count"  # a digest nonce count written in hex (00000001)


_T, _D, _F, _O = _Kind.TEXT, _Kind.DEFAULTED, _Kind.FLAG, _Kind.OPTIONAL

# Postman's parameter -> the signer attribute (see each class's ``_settings`` in auth.py).
# DEFAULTED ones take Postman's default (POSTMAN_DEFAULTS) when the request leaves them empty: a
# request without a region is signed for us-east-1 even if the signer's region is another.
_SETTINGS: Final[dict[AuthScheme, tuple[tuple[str, str, _Kind], ...]]] = {
    AuthScheme.APIKEY: (("key", "name", _T), ("in", "location", _D)),
    AuthScheme.AWSV4: (("region", "region", _D), ("service", "service", _D)),
    AuthScheme.OAUTH1: (
        ("signatureMethod", "signature_method", _D),
        ("realm", "realm", _T),
        ("callback", "callback", _T),
        ("verifier", "verifier", _T),
        ("version", "version", _O),
        ("timestamp", "timestamp", _T),
        ("nonce", "nonce", _T),
        ("includeBodyHash", "include_body_hash", _F),
        ("addParamsToHeader", "add_params_to_header", _F),
        ("addEmptyParamsToSign", "add_empty_params_to_sign", _F),
        ("disableHeaderEncoding", "disable_header_encoding", _F),
    ),
    AuthScheme.OAUTH2: (
        ("addTokenTo", "add_token_to", _D),
        ("headerPrefix", "header_prefix", _D),
    ),
    AuthScheme.HAWK: (
        ("algorithm", "algorithm", _T),
        ("extraData", "ext", _T),
        ("app", "app", _T),
        ("delegation", "dlg", _T),
        ("timestamp", "timestamp", _T),
        ("nonce", "nonce", _T),
        ("includePayloadHash", "include_payload_hash", _F),
    ),
    AuthScheme.DIGEST: (
        ("realm", "realm", _T),
        ("nonce", "nonce", _T),
        ("qop", "qop", _T),
        ("opaque", "opaque", _T),
        ("algorithm", "algorithm", _T),
        ("clientNonce", "client_nonce", _T),
        ("nonceCount", "nonce_count", _Kind.HEX_COUNT),
    ),
}
POSTMAN_DEFAULTS: Final = {
    ("apikey", "key"): "",
    ("apikey", "in"): "header",
    ("awsv4", "region"): "us-east-1",
    ("awsv4", "service"): "execute-api",
    ("oauth1", "signatureMethod"): "HMAC-SHA1",
    ("oauth2", "addTokenTo"): "header",
    ("oauth2", "headerPrefix"): "Bearer",
}
"""What Postman's handlers use for an auth parameter left empty, by (auth type, parameter)."""
_HEX: Final = re.compile(r"[0-9a-fA-F]{1,16}")


def postman_defaults(scheme: AuthScheme) -> dict[str, str]:
    """Postman's defaults of ``scheme``'s parameters (parameter -> value)."""
    return {key: value for (kind, key), value in POSTMAN_DEFAULTS.items() if kind == scheme.value}


def _present(auth: Auth, key: str) -> bool:
    return any(name == key for name, _ in auth.params)


def signer_settings(
    auth: Auth | None, scheme: AuthScheme, scope: Scope
) -> tuple[tuple[str, SettingValue], ...]:
    """The settings ``auth`` (a request's effective Postman auth) fixes for ``scheme``'s signer."""
    if auth is None or auth.kind != scheme.value:
        return ()
    settings: list[tuple[str, SettingValue]] = []
    for key, attribute, kind in _SETTINGS.get(scheme, ()):
        written = auth.get(key)
        if "{{" in written:
            if kind is not _Kind.FLAG:
                continue
            written = substitute(written, scope)
        if kind is _Kind.FLAG:
            settings.append(
                (
                    attribute,
                    _present(auth, key) and key not in auth.falsy and bool(written),
                )
            )
        elif kind is _Kind.OPTIONAL:
            settings.append((attribute, written or None))
        elif kind is _Kind.DEFAULTED:
            settings.append((attribute, written or POSTMAN_DEFAULTS[scheme.value, key]))
        elif not written:
            continue
        elif kind is _Kind.HEX_COUNT:
            if _HEX.fullmatch(written):
                settings.append((attribute, int(written, 16)))
        else:
            settings.append((attribute, written))
    return tuple(settings)
