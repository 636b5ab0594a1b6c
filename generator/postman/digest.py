"""HTTP Digest as Postman's runtime computes it when realm and nonce are already known."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

__all__ = ["digest_header", "digest_response"]

_HASHES: dict[str, Callable[[bytes], str]] = {
    "MD5": lambda data: hashlib.md5(data).hexdigest(),
    "SHA-256": lambda data: hashlib.sha256(data).hexdigest(),
    "SHA-512-256": lambda data: hashlib.new("sha512_256", data).hexdigest(),
}


def _hasher(algorithm: str) -> Callable[[str], str]:
    base = algorithm.removesuffix("-sess") or "MD5"
    if base not in _HASHES:
        raise ValueError(f"unsupported digest algorithm {algorithm!r}")
    digest = _HASHES[base]
    return lambda text: digest(text.encode("utf-8"))


def digest_response(
    *,
    username: str,
    password: str,
    realm: str,
    nonce: str,
    method: str,
    uri: str,
    algorithm: str = "MD5",
    qop: str = "",
    nc: str = "",
    cnonce: str = "",
    body: bytes = b"",
) -> str:
    """The `response` value (RFC 2617/7616; qop used literally, as Postman does)."""
    h = _hasher(algorithm or "MD5")
    a1 = f"{username}:{realm}:{password}"
    if algorithm.endswith("-sess"):
        a1 = f"{h(a1)}:{nonce}:{cnonce}"
    a2 = f"{method}:{uri}"
    if qop == "auth-int":
        base = (algorithm or "MD5").removesuffix("-sess")
        a2 += ":" + _HASHES[base](body)
    if qop in ("auth", "auth-int"):
        return h(f"{h(a1)}:{nonce}:{nc}:{cnonce}:{qop}:{h(a2)}")
    return h(f"{h(a1)}:{nonce}:{h(a2)}")


def digest_header(params: dict[str, str], method: str, uri: str, body: bytes = b"") -> str:
    """Postman's Authorization header for digest params (algorithm always present, quoted)."""
    algorithm = params.get("algorithm") or "MD5"
    qop = params.get("qop", "")
    nc = params.get("nonceCount", "")
    cnonce = params.get("clientNonce", "")
    # Postman prints a missing client nonce as JavaScript does: "undefined".
    shown_cnonce = params.get("clientNonce", "undefined")
    response = digest_response(
        username=params.get("username", ""),
        password=params.get("password", ""),
        realm=params.get("realm", ""),
        nonce=params.get("nonce", ""),
        method=method,
        uri=uri,
        algorithm=algorithm,
        qop=qop,
        nc=nc,
        cnonce=cnonce,
        body=body,
    )
    fields = [
        f'username="{params.get("username", "")}"',
        f'realm="{params.get("realm", "")}"',
        f'nonce="{params.get("nonce", "")}"',
        f'uri="{uri}"',
        f'algorithm="{algorithm}"',
    ]
    if qop in ("auth", "auth-int"):
        fields.append(f"qop={qop}")
    if qop in ("auth", "auth-int") or algorithm == "MD5-sess":
        if nc:
            fields.append(f"nc={nc}")
        fields.append(f'cnonce="{shown_cnonce}"')
    fields.append(f'response="{response}"')
    if params.get("opaque"):
        fields.append(f'opaque="{params["opaque"]}"')
    return "Digest " + ", ".join(fields)
