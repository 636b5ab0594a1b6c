"""WireRequest -> the view a curl snippet template prints (every argument pre-quoted)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.config import VarStyle
from generator.postman.url import form_encode
from generator.postman.wire import WireBody, WireRequest
from generator.render.code import Code
from generator.render.literals import comment
from generator.render.shell import Segment, quote, quote_segments

__all__ = ["CurlView", "VarStyle", "curl_view", "shell_name"]

_CUT_NOTE = (
    "a value holds a NUL character (written \\x00), which no command-line argument can carry: "
    "curl sends it cut there"
)

# curl asks for "100-continue" before sending bodies over 1 KiB; Postman never does.
_EXPECT_THRESHOLD = 1024


@dataclass(frozen=True, slots=True)
class CurlView:
    """What the curl template prints: comment lines and one argument per line."""

    comments: tuple[Code, ...]
    args: tuple[Code, ...]


def shell_name(name: str) -> str:
    """An environment variable name for a Postman variable (`tenancy-id` -> TENANCY_ID)."""
    cleaned = re.sub(r"[^A-Za-z0-9]+", "_", name.lstrip("$")).strip("_").upper()
    if name.startswith("$"):
        cleaned = "PM_" + cleaned
    if not cleaned or cleaned[0].isdigit():
        cleaned = "V_" + cleaned
    return cleaned


class _Args:
    def __init__(self, wire: WireRequest, style: VarStyle) -> None:
        self._names = wire.placeholders
        self.markers = wire.marker_re
        self.style = style
        self.args: list[Code] = []
        self.cut = False
        """An argument holds a NUL, which ends every C string: curl gets the text before it."""

    def segments(self, text: str) -> list[Segment]:
        out: list[Segment] = []
        pos = 0
        for match in self.markers.finditer(text):
            name = self._names[int(match.group(1))]
            out.append((text[pos : match.start()], False))
            if self.style is VarStyle.SHELL:
                out.append((shell_name(name), True))
            else:
                out.append(("{{" + name + "}}", False))
            pos = match.end()
        out.append((text[pos:], False))
        # Merge neighbouring literals so quoting stays readable.
        merged: list[Segment] = []
        for seg in out:
            if merged and not seg[1] and not merged[-1][1]:
                merged[-1] = (merged[-1][0] + seg[0], False)
            else:
                merged.append(seg)
        return merged

    def add(self, option: str, value: str | None = None) -> None:
        if value is None:
            self.args.append(quote(option))
        else:
            self.cut = self.cut or "\x00" in value
            self.args.append(Code(f"{quote(option)} {quote_segments(self.segments(value))}"))


def _visible_url(wire: WireRequest) -> str:
    url = wire.url
    if wire.scheme_implied and url.startswith("http://"):
        url = url[len("http://") :]
    return url


def _body_args(body: WireBody, args: _Args) -> bool:
    """Add the body options; True when curl would add `Expect: 100-continue`."""
    if body.kind == "text":
        args.add("--data-raw", body.text)
        return len(body.text.encode("utf-8", "surrogatepass")) > _EXPECT_THRESHOLD
    if body.kind == "form":
        # Pre-encoded as Postman encodes (curl's --data-urlencode would send spaces as "+").
        # A field holding a shell variable can only be encoded by curl at run time.
        size = 0
        for key, value in body.fields:
            if args.style is VarStyle.SHELL and args.markers.search(value):
                args.add("--data-urlencode", f"{form_encode(key)}={value}")
            else:
                args.add("--data-raw", f"{form_encode(key)}={form_encode(value)}")
            size += len(form_encode(key)) + len(form_encode(value)) + 1
        return size > _EXPECT_THRESHOLD
    if body.kind == "multipart":
        for part in body.parts:
            if part.file is not None:
                spec = f'{part.name}=@"{_fq(part.file)}"'
                if part.filename is not None:
                    spec += f';filename="{_fq(part.filename)}"'
                if part.content_type:
                    spec += f";type={part.content_type}"
                args.add("--form", spec)
            elif part.filename is not None:
                # A file part with nothing to read: empty content, filename only, no type.
                spec = f'{part.name}="{_fq(part.value or "")}";filename="{_fq(part.filename)}"'
                if part.content_type:
                    spec += f";type={part.content_type}"
                args.add("--form", spec)
            elif part.content_type:
                args.add(
                    "--form", f'{part.name}="{_fq(part.value or "")}";type={part.content_type}'
                )
            else:
                args.add("--form-string", f"{part.name}={part.value or ''}")
        return True
    args.add("--data-binary", "@" + (body.file or ""))
    return True


def _fq(text: str) -> str:
    # Inside a double-quoted curl --form field, backslash and quote are escaped.
    return text.replace("\\", "\\\\").replace('"', '\\"')


def curl_view(wire: WireRequest, title: str, style: VarStyle = VarStyle.POSTMAN) -> CurlView:
    """The curl command that sends `wire`, one option per line."""
    args = _Args(wire, style)
    url = _visible_url(wire)
    shown = "".join(text for text, is_var in args.segments(url) if not is_var)
    if any(c in shown for c in "[]{}"):
        args.add("--globoff")  # curl would read these as URL globbing patterns
    if wire.dot_segments:
        args.add("--path-as-is")
    body = wire.body
    if wire.method == "HEAD":
        args.add("--head")
    elif not (wire.method == "GET" and body is None):
        args.add("--request", wire.method)
    args.add("--url", url)
    header_names = {k.lower() for k, _ in wire.headers}
    for key, value in wire.headers:
        if body is not None and body.kind == "multipart" and value == "multipart/form-data":
            continue  # curl writes this header itself, with its boundary
        # "Name:" would make curl drop the header; "Name;" sends it empty.
        args.add("--header", f"{key};" if value == "" else f"{key}: {value}")
    for name in ("Accept", "User-Agent"):
        if name.lower() in wire.omitted and name.lower() not in header_names:
            args.add("--header", f"{name}:")  # Postman was told not to send its default
    if wire.auth is not None:
        _auth_args(wire, args)
    if body is not None:
        expect = _body_args(body, args)
        if body.kind != "multipart" and "content-type" not in header_names:
            args.add("--header", "Content-Type:")  # Postman sends none; curl would
        if expect and "expect" not in header_names:
            args.add("--header", "Expect:")
    comments = [comment(title)]
    comments.extend(comment(note) for note in wire.notes)
    if args.cut:
        comments.append(comment(_CUT_NOTE))
    if style is VarStyle.SHELL and wire.placeholders:
        names = ", ".join(sorted({shell_name(n) for n in wire.placeholders}))
        comments.append(comment(f"set before running: {names}"))
    elif wire.placeholders:
        comments.append(
            comment(
                "unresolved variables: " + ", ".join("{{" + n + "}}" for n in wire.placeholders)
            )
        )
    return CurlView(comments=tuple(comments), args=tuple(args.args))


def _auth_args(wire: WireRequest, args: _Args) -> None:
    auth = wire.auth
    assert auth is not None
    if auth.kind in ("basic", "digest", "ntlm"):
        if auth.kind != "basic":
            args.add("--" + auth.kind)
        args.add("--user", f"{auth.get('username')}:{auth.get('password')}")
    elif auth.kind == "awsv4":
        region = auth.get("region", "us-east-1")
        service = auth.get("service", "execute-api")
        args.add("--aws-sigv4", f"aws:amz:{region}:{service}")
        args.add("--user", f"{auth.get('accessKey')}:{auth.get('secretKey')}")
        token = auth.get("sessionToken")
        if token:
            args.add("--header", f"X-Amz-Security-Token: {token}")
