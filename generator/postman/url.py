"""Postman's URL handling: parse, print and percent-encode exactly as its runtime does.

Ported from the behaviour of postman-collection's `Url`/`QueryParam` and
postman-url-encoder, because a snippet must put the same bytes on the wire.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace

__all__ = [
    "PUrl",
    "QueryItem",
    "encode_path",
    "encode_query",
    "encode_unsendable",
    "form_encode",
    "parse",
    "split_host",
    "to_string",
    "to_wire",
    "utf8",
]

# Unresolved variables holding URL delimiters are kept whole while parsing.
_SPECIAL_VAR_RE = re.compile(r"\{\{[^{}]*[.:/?#@&\]][^{}]*}}")
_QUERY_VAR_RE = re.compile(r"\{\{[^{}]*[&#=][^{}]*}}")
_HOST_SPLIT_RE = re.compile(r"\.(?![^{]*\}{2})")
_PRE_ENCODED = re.compile(rb"%[0-9A-Fa-f]{2}")


def _encode_set(extra: str, base: frozenset[int] | None = None) -> frozenset[int]:
    codes = set(range(0x20)) | {0x7F} if base is None else set(base)
    return frozenset(codes | {ord(c) for c in extra})


_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_C0 = _encode_set("")
_FRAGMENT = _encode_set(' "<>`', _C0)
_PATH = _encode_set("#?{}", _FRAGMENT)
_QUERY = _encode_set(" \"#'<>")
_UNSENDABLE = _encode_set(" ", _C0)


def utf8(text: str) -> bytes:
    """UTF-8 bytes as Node's Buffer.from makes them (a lone surrogate becomes U+FFFD)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return fixed.encode("utf-8")


@functools.cache
def _needs_encoding(encode_set: frozenset[int]) -> re.Pattern[str]:
    """Matches what makes ASCII text need encoding: a character of ``encode_set``, or ``%``."""
    chars = "".join(re.escape(chr(byte)) for byte in sorted(encode_set | {0x25}) if byte < 0x80)
    return re.compile(f"[{chars}]")


def _percent_encode(text: str, encode_set: frozenset[int]) -> str:
    if text.isascii() and not _needs_encoding(encode_set).search(text):
        return text  # nothing to encode: the byte loop below would give it back unchanged
    data = utf8(text)
    out: list[str] = []
    i = 0
    n = len(data)
    while i < n:
        byte = data[i]
        if byte == 0x25 and i < n - 2 and _PRE_ENCODED.match(data, i):
            out.append(data[i : i + 3].decode("ascii"))
            i += 3
            continue
        if byte > 0x7F or byte in encode_set:
            out.append(f"%{byte:02X}")
        else:
            out.append(chr(byte))
        i += 1
    return "".join(out)


def encode_path(path: str) -> str:
    """Percent-encode a path as Postman does (keeps `%XX`, encodes space, `"#<>?`{}`)."""
    return _percent_encode(path, _PATH)


def encode_unsendable(path: str) -> str:
    """Percent-encode only what HTTP cannot carry in a request target (controls, space,
    non-ASCII): a `disableUrlEncoding` path, sent otherwise as written."""
    return _percent_encode(path, _UNSENDABLE)


def form_encode(text: str) -> str:
    """x-www-form-urlencoded as Postman sends it (querystring + RFC 3986): all but unreserved."""
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in utf8(text))


def encode_query(query: str) -> str:
    """Percent-encode a whole query string as Postman does (space, `"#'<>`, non-ASCII)."""
    return _percent_encode(query, _QUERY)


@dataclass(frozen=True, slots=True)
class QueryItem:
    """A query parameter; `key`/`value` None mean absent (`?a` has value None)."""

    key: str | None
    value: str | None
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class PUrl:
    """Postman's structured URL (postman-collection `Url`), all parts still text."""

    protocol: str | None = None
    auth: tuple[str, str | None] | None = None
    host: tuple[str, ...] | None = None
    port: str | None = None
    path: tuple[str, ...] | None = None
    query: tuple[QueryItem, ...] = ()
    variables: tuple[tuple[str, str | None], ...] = ()
    hash: str | None = None


def split_host(host: str) -> tuple[str, ...]:
    """Split a host string on dots that are not inside a `{{variable}}`."""
    return tuple(_HOST_SPLIT_RE.split(host))


def _parse_query_item(param: str, index: int, count: int) -> QueryItem:
    if param == "" and index != count - 1:
        return QueryItem(None, None)
    key, eq, value = param.partition("=")
    return QueryItem(key, value if eq else None)


def _unused_character(text: str) -> str:
    """A private-use character (no URL delimiter, untouched by splitting) absent from ``text``."""
    used = set(text)
    return next(c for c in map(chr, range(0xF0000, 0x110000)) if c not in used)


def parse(url: str) -> PUrl:
    """Parse a URL string like postman-url-encoder's parser + postman-collection's Url.parse."""
    url = url.lstrip()
    if not url:
        return PUrl()
    # Unresolved variables that contain delimiters stand in as one character the URL does not
    # hold (a NUL or private-use character in the URL itself must stay text) while splitting.
    saved: list[str] = []
    stand_in = _unused_character(url)

    def hide(match: re.Match[str]) -> str:
        saved.append(match.group(0))
        return stand_in

    text = _SPECIAL_VAR_RE.sub(hide, url)
    cursor = iter(saved)

    def restore(part: str) -> str:
        return part if stand_in not in part else re.sub(stand_in, lambda _m: next(cursor), part)

    # The order of restoring must follow the text order of the parts; collect them first.
    hash_: str | None = None
    query: list[str] | None = None
    protocol: str | None = None
    auth: list[str] | None = None
    port: str | None = None
    path: list[str] | None = None
    host: list[str] | None = None

    if (i := text.find("#")) != -1:
        hash_, text = text[i + 1 :], text[:i]
    if (i := text.find("?")) != -1:
        query, text = text[i + 1 :].split("&"), text[:i]
    text = text.replace("\\", "/")
    if (i := text.find("://")) != -1:
        protocol, text = text[:i], text[i + 3 :]
        text = re.sub(r"^/+", "/" if protocol.lower() == "file" else "", text)
    if (i := text.find("/")) != -1:
        path, text = text[i + 1 :].split("/"), text[:i]
    if (i := text.rfind("@")) != -1:
        user, sep, password = text[:i].partition(":")
        auth = [user, password] if sep else [user]
        text = text[i + 1 :]
    if (i := text.rfind(":")) != -1 and "]" not in text[i + 1 :]:
        port, text = text[i + 1 :], text[:i]
    if text:
        host = text.split(".")

    # Restore hidden variables in textual order: protocol, auth, host, port, path, query, hash.
    if protocol is not None:
        protocol = restore(protocol)
    if auth is not None:
        auth = [restore(a) for a in auth]
    if host is not None:
        host = [restore(h) for h in host]
    if port is not None:
        port = restore(port)
    if path is not None:
        path = [restore(p) for p in path]
    if query is not None:
        query = [restore(q) for q in query]
    if hash_ is not None:
        hash_ = restore(hash_)

    variables: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for segment in path or ():
        name = _path_variable(segment)
        if name and name not in seen:
            seen.add(name)
            variables.append((name, None))
    query = query or []
    items = tuple(_parse_query_item(q, i, len(query)) for i, q in enumerate(query))
    return PUrl(
        protocol=protocol,
        auth=(auth[0], auth[1] if len(auth) > 1 else None) if auth else None,
        host=tuple(host) if host is not None else None,
        port=port,
        path=tuple(path) if path is not None else None,
        query=items,
        variables=tuple(variables),
        hash=hash_,
    )


def _path_variable(segment: str) -> str | None:
    if not segment.startswith(":"):
        return None
    dot = segment.find(".")
    return segment[1 : dot if dot != -1 else None] or None


def _normalize_param(text: str, encode_equals: bool) -> str:
    if "&" not in text and "#" not in text and not (encode_equals and "=" in text):
        return text

    def reserved(part: str) -> str:
        part = part.replace("&", "%26").replace("#", "%23")
        return part.replace("=", "%3D") if encode_equals else part

    out: list[str] = []
    pos = 0
    for match in _QUERY_VAR_RE.finditer(text):
        out.append(reserved(text[pos : match.start()]) + match.group(0))
        pos = match.end()
    out.append(reserved(text[pos:]))
    return "".join(out)


def _unparse_query(items: tuple[QueryItem, ...]) -> str:
    parts = []
    for item in items:
        if item.disabled:
            continue
        text = _normalize_param(item.key, True) if item.key is not None else ""
        if item.value is not None:
            text += "=" + _normalize_param(item.value, False)
        parts.append(text)
    return "&".join(parts)


def _get_path(url: PUrl) -> str:
    values = dict(url.variables)
    segments = []
    for segment in url.path or ():
        name = _path_variable(segment)
        value = values.get(name) if name else None
        if value:
            segment = value + segment[len(name) + 1 :]  # type: ignore[arg-type]
        segments.append(segment)
    return "/" + "/".join(segments)


def _query_string(url: PUrl) -> str | None:
    """The `?...` part, or None when the URL prints no `?` at all."""
    if not url.query:
        return None
    text = _unparse_query(url.query)
    if text == "" and all(item.disabled for item in url.query):
        return None
    return text


def to_string(url: PUrl) -> str:
    """Print a URL as postman-collection's Url#toString (path variables filled in)."""
    out = ""
    if url.protocol:
        out += url.protocol if url.protocol.endswith("://") else url.protocol + "://"
    if url.auth is not None:
        user, password = url.auth
        auth = user
        if password is not None:
            auth = (auth or "") + ":" + password
        out += auth + "@"
    if url.host is not None:
        out += ".".join(url.host)
    if url.port is not None:
        out += ":" + url.port
    if url.path is not None:
        out += _get_path(url)
    query = _query_string(url)
    if query is not None:
        out += "?" + query
    if url.hash is not None:
        out += "#" + url.hash
    return out


# With one of these in a host, Node's url.domainToASCII fails and Postman keeps the host as is.
_FORBIDDEN_DOMAIN = frozenset(" #%/:<>?@[\\]^|\x7f") | frozenset(map(chr, range(0x20)))
# Characters IDNA mapping deletes (soft hyphen, zero-width space/joiners, BOM...).
_IDNA_IGNORED = dict.fromkeys(map(ord, "\u00ad\u034f\u180b\u180c\u180d\u200b\u2060\ufeff"))
_IPV4_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|[0-9]+)$")


def _ipv4(host: str) -> str | None:
    """WHATWG IPv4 parsing: "" when the host is not IPv4, the dotted form, or None (invalid)."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]
    if not parts or not _IPV4_PART.match(parts[-1]):
        return ""
    numbers = []
    for part in parts:
        if not _IPV4_PART.match(part):
            return None
        if part[:2] in ("0x", "0X"):
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if any(c not in "01234567" for c in part):
                return None
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]):
        return None
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(numbers[:-1]))
    return ".".join(str((value >> shift) & 0xFF) for shift in (24, 16, 8, 0))


def _domain_to_ascii(host: str) -> str | None:
    """Node's url.domainToASCII (WHATWG host parsing + UTS 46); None where it fails."""
    host = re.sub(r"[\t\n\r]", "", host)
    host = re.split(r"[/?#\\]", host, maxsplit=1)[0]
    if host.startswith("["):
        return host if host.endswith("]") else None
    host = host.translate(_IDNA_IGNORED)
    if _FORBIDDEN_DOMAIN.intersection(host):
        return None
    labels = []
    for label in host.split("."):
        if label.isascii():
            label = label.lower()
            if label.startswith("xn--"):
                try:
                    label[4:].encode("ascii").decode("punycode")
                except UnicodeError:
                    return None
            labels.append(label)
            continue
        mapped = unicodedata.normalize("NFKC", label).lower()
        if mapped.isascii():
            labels.append(mapped)
            continue
        try:
            labels.append("xn--" + mapped.encode("punycode").decode("ascii"))
        except UnicodeError:
            return None
    result = ".".join(labels)
    if _FORBIDDEN_DOMAIN.intersection(result):
        return None
    ipv4 = _ipv4(result)
    if ipv4 is None:
        return None
    return ipv4 or result


def _host_to_ascii(host: str) -> str:
    # Postman keeps the host unchanged where Node cannot make it ASCII (e.g. `{{x}}` is fine,
    # but `a b` or `50%` is not).
    return _domain_to_ascii(host) or host


def to_wire(url: PUrl, *, encode: bool = True) -> str:
    """The URL as Postman's runtime sends it (postman-url-encoder toNodeUrl), no fragment.

    `encode=False` is the `disableUrlEncoding` protocol behaviour: path, query and userinfo
    go out as written (the host is still made ASCII).
    """
    # Only parsed URLs reach here, so the protocol never carries its "://".
    out = ("http" if url.protocol is None else url.protocol).lower() + "://"
    if url.auth is not None:
        # Credentials in the URL are sent as userinfo (node turns them into Basic auth).
        user, password = url.auth
        out += (_percent_encode(user, _USERINFO) if encode else user) if user else ""
        if password is not None:
            out += ":" + (_percent_encode(password, _USERINFO) if encode else password)
        out += "@"
    out += _host_to_ascii(".".join(url.host or ()).lower())
    if url.port is not None:
        out += ":" + url.port
    path = _get_path(replace(url, variables=()))
    out += encode_path(path) if encode else path
    query = _query_string(url)
    if query is not None:
        out += "?" + (encode_query(query) if encode else query)
    return out


_USERINFO = _encode_set("/:;=@[\\]^|", _PATH)
