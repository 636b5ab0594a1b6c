"""Operations of the top-level requests of the URLs and variables API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from collection import _helpers
from collection import models as _models
from collection._runtime import AsyncRuntime, RequestSpec, SyncRuntime

__all__: list[str] = [
    "Api",
    "AsyncApi",
]


def _path_variables(
    *,
    user_id: str,
    post_id: str,
    empty: str,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path=_helpers.expand(
            "/users/{user_id}/posts/{post_id}/{empty}",
            user_id=user_id,
            post_id=post_id,
            empty=empty,
        ),
        authenticate=False,
    )


def _query_params(
    *,
    a: Sequence[int] | None,
    off: str | None,
    empty: str | None,
    novalue: str | None,
    sp_ace: str | None,
    amp: str | None,
    quote: str | None,
    utf: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/q",
        authenticate=False,
        params=_helpers.pairs(
            ("a", a),
            ("off", off),
            ("empty", empty),
            ("novalue", novalue),
            ("sp ace", sp_ace),
            ("amp", amp),
            ("quote", quote),
            ("utf", utf),
        ),
    )


def _string_url_with_odd_chars(
    *,
    q: str | None,
    r: str | None,
    s: str | None,
    t: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/odd%20path/%7Bx%7D/[y]/%41%zz/a%22b%3Cc%3E",
        authenticate=False,
        params=_helpers.pairs(
            ("q", q),
            ("r", r),
            ("s", s),
            ("t", t),
        ),
    )


def _dotted_and_dashed_variables(
    *,
    dotted_name: str,
    dash_name: str,
    e: str | None,
    u: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path=_helpers.expand(
            "/{dotted_name}/{dash_name}",
            dotted_name=dotted_name,
            dash_name=dash_name,
        ),
        authenticate=False,
        params=_helpers.pairs(
            ("e", e),
            ("u", u),
        ),
    )


def _dynamic_variables(
    *,
    body: _models.DynamicVariablesRequest,
    ts: str | None,
    x_request_id: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/dynamic",
        content=_helpers.model_json(body),
        authenticate=False,
        params=_helpers.pairs(
            ("ts", ts),
        ),
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
            ("X-Request-Id", x_request_id),
        ),
    )


def _dot_segments() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/a/./b/../c//d",
        authenticate=False,
    )


def _headers(
    *,
    x_empty: str | None,
    x_dup: Sequence[str] | None,
    x_off: str | None,
    x_quote: str | None,
    x_var: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/headers",
        authenticate=False,
        headers=_helpers.pairs(
            ("Accept", "application/json"),
            ("User-Agent", "my-agent/1"),
            ("X-Empty", x_empty),
            ("X-Dup", x_dup),
            ("X-Off", x_off),
            ("X-Quote", x_quote),
            ("X-Var", x_var),
        ),
    )


def _lower_case_method_and_no_protocol() -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/no-proto",
        origin="http://echo.test:8080",
        authenticate=False,
    )


def _request_as_a_string() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/string-request",
        origin="http://echo.test:8080",
        authenticate=False,
    )


def _disable_url_encoding(
    *,
    q: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/raw'path\"x",
        authenticate=False,
        params=_helpers.pairs(
            ("q", q),
        ),
    )


def _get_unnamed() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/unnamed",
        authenticate=False,
    )


def _get_user() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/get-user-1",
        authenticate=False,
    )


def _get_user_2() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/get-user-2",
        authenticate=False,
    )


def _get_user_3() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/get-user-3",
        authenticate=False,
    )


def _content_length_mismatch(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/cl",
        content=_helpers.text(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "text/plain"),
        ),
    )


class Api:
    """Operations of the top-level requests."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def path_variables(
        self,
        *,
        user_id: str,
        post_id: str,
        empty: str,
    ) -> Any:
        """path variables

        GET /users/{user_id}/posts/{post_id}/{empty}

        Args:
            user_id: path userId.
            post_id: path postId.
            empty: path empty.
        """
        response = self._runtime.send(
            _path_variables(
                user_id=user_id,
                post_id=post_id,
                empty=empty,
            )
        )
        return _helpers.decode(response)

    def query_params(
        self,
        *,
        a: Sequence[int] | None = None,
        off: str | None = None,
        empty: str | None = None,
        novalue: str | None = None,
        sp_ace: str | None = None,
        amp: str | None = None,
        quote: str | None = None,
        utf: str | None = None,
    ) -> Any:
        """query params

        GET /q

        Args:
            a: query a.
            off: query off.
            empty: query empty.
            novalue: query novalue.
            sp_ace: query sp ace.
            amp: query amp.
            quote: query quote.
            utf: query utf.
        """
        response = self._runtime.send(
            _query_params(
                a=a,
                off=off,
                empty=empty,
                novalue=novalue,
                sp_ace=sp_ace,
                amp=amp,
                quote=quote,
                utf=utf,
            )
        )
        return _helpers.decode(response)

    def string_url_with_odd_chars(
        self,
        *,
        q: str | None = None,
        r: str | None = None,
        s: str | None = None,
        t: str | None = None,
    ) -> Any:
        """string url with odd chars

        GET /odd%20path/%7Bx%7D/[y]/%41%zz/a%22b%3Cc%3E

        Args:
            q: query q.
            r: query r.
            s: query s.
            t: query t.
        """
        response = self._runtime.send(
            _string_url_with_odd_chars(
                q=q,
                r=r,
                s=s,
                t=t,
            )
        )
        return _helpers.decode(response)

    def dotted_and_dashed_variables(
        self,
        *,
        dotted_name: str,
        dash_name: str,
        e: str | None = None,
        u: str | None = None,
    ) -> Any:
        """dotted and dashed variables

        GET /{dotted_name}/{dash_name}

        Args:
            dotted_name: path dotted.name.
            dash_name: path dash-name.
            e: query e.
            u: query u.
        """
        response = self._runtime.send(
            _dotted_and_dashed_variables(
                dotted_name=dotted_name,
                dash_name=dash_name,
                e=e,
                u=u,
            )
        )
        return _helpers.decode(response)

    def dynamic_variables(
        self,
        *,
        body: _models.DynamicVariablesRequest,
        ts: str | None = None,
        x_request_id: str | None = None,
    ) -> Any:
        """dynamic variables

        POST /dynamic

        Args:
            body: the request body (model)
            ts: query ts.
            x_request_id: header X-Request-Id.
        """
        response = self._runtime.send(
            _dynamic_variables(
                body=body,
                ts=ts,
                x_request_id=x_request_id,
            )
        )
        return _helpers.decode(response)

    def dot_segments(self) -> Any:
        """dot segments

        GET /a/./b/../c//d
        """
        response = self._runtime.send(_dot_segments())
        return _helpers.decode(response)

    def headers(
        self,
        *,
        x_empty: str | None = None,
        x_dup: Sequence[str] | None = None,
        x_off: str | None = None,
        x_quote: str | None = None,
        x_var: str | None = None,
    ) -> Any:
        """headers

        GET /headers

        Args:
            x_empty: header X-Empty.
            x_dup: header X-Dup.
            x_off: header X-Off.
            x_quote: header X-Quote.
            x_var: header X-Var.
        """
        response = self._runtime.send(
            _headers(
                x_empty=x_empty,
                x_dup=x_dup,
                x_off=x_off,
                x_quote=x_quote,
                x_var=x_var,
            )
        )
        return _helpers.decode(response)

    def lower_case_method_and_no_protocol(self) -> Any:
        """lower case method and no protocol

        POST http://echo.test:8080/no-proto
        """
        response = self._runtime.send(_lower_case_method_and_no_protocol())
        return _helpers.decode(response)

    def request_as_a_string(self) -> Any:
        """request as a string

        GET http://echo.test:8080/string-request
        """
        response = self._runtime.send(_request_as_a_string())
        return _helpers.decode(response)

    def disable_url_encoding(
        self,
        *,
        q: str | None = None,
    ) -> Any:
        """disable url encoding

        GET /raw'path"x

        Args:
            q: query q.
        """
        response = self._runtime.send(
            _disable_url_encoding(
                q=q,
            )
        )
        return _helpers.decode(response)

    def get_unnamed(self) -> Any:
        """get_unnamed

        GET /unnamed
        """
        response = self._runtime.send(_get_unnamed())
        return _helpers.decode(response)

    def get_user(self) -> Any:
        """Get User

        GET /get-user-1
        """
        response = self._runtime.send(_get_user())
        return _helpers.decode(response)

    def get_user_2(self) -> Any:
        """get-user

        GET /get-user-2
        """
        response = self._runtime.send(_get_user_2())
        return _helpers.decode(response)

    def get_user_3(self) -> Any:
        """GetUser

        GET /get-user-3
        """
        response = self._runtime.send(_get_user_3())
        return _helpers.decode(response)

    def content_length_mismatch(
        self,
        *,
        body: str,
    ) -> Any:
        """content length mismatch

        POST /cl

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _content_length_mismatch(
                body=body,
            )
        )
        return _helpers.decode(response)


class AsyncApi:
    """Operations of the top-level requests."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def path_variables(
        self,
        *,
        user_id: str,
        post_id: str,
        empty: str,
    ) -> Any:
        """path variables

        GET /users/{user_id}/posts/{post_id}/{empty}

        Args:
            user_id: path userId.
            post_id: path postId.
            empty: path empty.
        """
        response = await self._runtime.send(
            _path_variables(
                user_id=user_id,
                post_id=post_id,
                empty=empty,
            )
        )
        return _helpers.decode(response)

    async def query_params(
        self,
        *,
        a: Sequence[int] | None = None,
        off: str | None = None,
        empty: str | None = None,
        novalue: str | None = None,
        sp_ace: str | None = None,
        amp: str | None = None,
        quote: str | None = None,
        utf: str | None = None,
    ) -> Any:
        """query params

        GET /q

        Args:
            a: query a.
            off: query off.
            empty: query empty.
            novalue: query novalue.
            sp_ace: query sp ace.
            amp: query amp.
            quote: query quote.
            utf: query utf.
        """
        response = await self._runtime.send(
            _query_params(
                a=a,
                off=off,
                empty=empty,
                novalue=novalue,
                sp_ace=sp_ace,
                amp=amp,
                quote=quote,
                utf=utf,
            )
        )
        return _helpers.decode(response)

    async def string_url_with_odd_chars(
        self,
        *,
        q: str | None = None,
        r: str | None = None,
        s: str | None = None,
        t: str | None = None,
    ) -> Any:
        """string url with odd chars

        GET /odd%20path/%7Bx%7D/[y]/%41%zz/a%22b%3Cc%3E

        Args:
            q: query q.
            r: query r.
            s: query s.
            t: query t.
        """
        response = await self._runtime.send(
            _string_url_with_odd_chars(
                q=q,
                r=r,
                s=s,
                t=t,
            )
        )
        return _helpers.decode(response)

    async def dotted_and_dashed_variables(
        self,
        *,
        dotted_name: str,
        dash_name: str,
        e: str | None = None,
        u: str | None = None,
    ) -> Any:
        """dotted and dashed variables

        GET /{dotted_name}/{dash_name}

        Args:
            dotted_name: path dotted.name.
            dash_name: path dash-name.
            e: query e.
            u: query u.
        """
        response = await self._runtime.send(
            _dotted_and_dashed_variables(
                dotted_name=dotted_name,
                dash_name=dash_name,
                e=e,
                u=u,
            )
        )
        return _helpers.decode(response)

    async def dynamic_variables(
        self,
        *,
        body: _models.DynamicVariablesRequest,
        ts: str | None = None,
        x_request_id: str | None = None,
    ) -> Any:
        """dynamic variables

        POST /dynamic

        Args:
            body: the request body (model)
            ts: query ts.
            x_request_id: header X-Request-Id.
        """
        response = await self._runtime.send(
            _dynamic_variables(
                body=body,
                ts=ts,
                x_request_id=x_request_id,
            )
        )
        return _helpers.decode(response)

    async def dot_segments(self) -> Any:
        """dot segments

        GET /a/./b/../c//d
        """
        response = await self._runtime.send(_dot_segments())
        return _helpers.decode(response)

    async def headers(
        self,
        *,
        x_empty: str | None = None,
        x_dup: Sequence[str] | None = None,
        x_off: str | None = None,
        x_quote: str | None = None,
        x_var: str | None = None,
    ) -> Any:
        """headers

        GET /headers

        Args:
            x_empty: header X-Empty.
            x_dup: header X-Dup.
            x_off: header X-Off.
            x_quote: header X-Quote.
            x_var: header X-Var.
        """
        response = await self._runtime.send(
            _headers(
                x_empty=x_empty,
                x_dup=x_dup,
                x_off=x_off,
                x_quote=x_quote,
                x_var=x_var,
            )
        )
        return _helpers.decode(response)

    async def lower_case_method_and_no_protocol(self) -> Any:
        """lower case method and no protocol

        POST http://echo.test:8080/no-proto
        """
        response = await self._runtime.send(_lower_case_method_and_no_protocol())
        return _helpers.decode(response)

    async def request_as_a_string(self) -> Any:
        """request as a string

        GET http://echo.test:8080/string-request
        """
        response = await self._runtime.send(_request_as_a_string())
        return _helpers.decode(response)

    async def disable_url_encoding(
        self,
        *,
        q: str | None = None,
    ) -> Any:
        """disable url encoding

        GET /raw'path"x

        Args:
            q: query q.
        """
        response = await self._runtime.send(
            _disable_url_encoding(
                q=q,
            )
        )
        return _helpers.decode(response)

    async def get_unnamed(self) -> Any:
        """get_unnamed

        GET /unnamed
        """
        response = await self._runtime.send(_get_unnamed())
        return _helpers.decode(response)

    async def get_user(self) -> Any:
        """Get User

        GET /get-user-1
        """
        response = await self._runtime.send(_get_user())
        return _helpers.decode(response)

    async def get_user_2(self) -> Any:
        """get-user

        GET /get-user-2
        """
        response = await self._runtime.send(_get_user_2())
        return _helpers.decode(response)

    async def get_user_3(self) -> Any:
        """GetUser

        GET /get-user-3
        """
        response = await self._runtime.send(_get_user_3())
        return _helpers.decode(response)

    async def content_length_mismatch(
        self,
        *,
        body: str,
    ) -> Any:
        """content length mismatch

        POST /cl

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _content_length_mismatch(
                body=body,
            )
        )
        return _helpers.decode(response)
