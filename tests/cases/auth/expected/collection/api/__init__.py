"""Operations of the top-level requests of the Auth API."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from collection import _helpers
from collection import models as _models
from collection._runtime import AsyncRuntime, RequestSpec, SyncRuntime

if TYPE_CHECKING:
    from collection.api import basic_folder as _basic_folder

__all__: list[str] = [
    "Api",
    "AsyncApi",
]


def _inherits_collection_bearer() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/inherit",
    )


def _apikey_header(
    *,
    x_api_key: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/apikey",
        headers=_helpers.pairs(
            ("x_api_key", x_api_key),
        ),
    )


def _apikey_query(
    *,
    api_key: str | None,
    x: int | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/apikey-q",
        params=_helpers.pairs(
            ("api_key", api_key),
            ("x", x),
        ),
    )


def _oauth2_header() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth2",
    )


def _oauth2_query(
    *,
    access_token: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth2-q",
        params=_helpers.pairs(
            ("access_token", access_token),
        ),
    )


def _bearer_empty_token() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/bearer-empty",
    )


def _digest_precomputed(
    *,
    x: int | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/digest",
        params=_helpers.pairs(
            ("x", x),
        ),
    )


def _digest_challenge() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/digest-challenge",
    )


def _v2_0_style_basic_params() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/basic-v20",
    )


def _oauth1_params_in_query(
    *,
    x: int | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth1-q",
        params=_helpers.pairs(
            ("x", x),
        ),
    )


def _oauth1_params_in_header(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/oauth1-h",
        content=_helpers.text(body),
        headers=_helpers.pairs(
            ("Content-Type", "text/plain"),
        ),
    )


def _oauth1_string_false_is_true() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth1-s",
    )


def _digest_qop_without_client_nonce() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/digest-qop",
    )


def _awsv4_s3_without_body() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/bucket/key",
    )


def _awsv4_api_with_body(
    *,
    body: _models.Awsv4ApiWithBodyRequest,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/api",
        content=_helpers.model_json(body),
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
        ),
    )


def _hawk() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/hawk",
    )


class Api:
    """Operations of the top-level requests."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    @cached_property
    def basic_folder(self) -> _basic_folder.BasicFolder:
        from collection.api.basic_folder import BasicFolder

        return BasicFolder(self._runtime)

    def inherits_collection_bearer(self) -> Any:
        """inherits collection bearer

        GET /inherit
        """
        response = self._runtime.send(_inherits_collection_bearer())
        return _helpers.decode(response)

    def apikey_header(
        self,
        *,
        x_api_key: str | None = None,
    ) -> Any:
        """apikey header

        GET /apikey

        Args:
            x_api_key: header x_api_key.
        """
        response = self._runtime.send(
            _apikey_header(
                x_api_key=x_api_key,
            )
        )
        return _helpers.decode(response)

    def apikey_query(
        self,
        *,
        api_key: str | None = None,
        x: int | None = None,
    ) -> Any:
        """apikey query

        GET /apikey-q

        Args:
            api_key: query api_key.
            x: query x.
        """
        response = self._runtime.send(
            _apikey_query(
                api_key=api_key,
                x=x,
            )
        )
        return _helpers.decode(response)

    def oauth2_header(self) -> Any:
        """oauth2 header

        GET /oauth2
        """
        response = self._runtime.send(_oauth2_header())
        return _helpers.decode(response)

    def oauth2_query(
        self,
        *,
        access_token: str | None = None,
    ) -> Any:
        """oauth2 query

        GET /oauth2-q

        Args:
            access_token: query access_token.
        """
        response = self._runtime.send(
            _oauth2_query(
                access_token=access_token,
            )
        )
        return _helpers.decode(response)

    def bearer_empty_token(self) -> Any:
        """bearer empty token

        GET /bearer-empty
        """
        response = self._runtime.send(_bearer_empty_token())
        return _helpers.decode(response)

    def digest_precomputed(
        self,
        *,
        x: int | None = None,
    ) -> Any:
        """digest precomputed

        GET /digest

        Args:
            x: query x.
        """
        response = self._runtime.send(
            _digest_precomputed(
                x=x,
            )
        )
        return _helpers.decode(response)

    def digest_challenge(self) -> Any:
        """digest challenge

        GET /digest-challenge
        """
        response = self._runtime.send(_digest_challenge())
        return _helpers.decode(response)

    def v2_0_style_basic_params(self) -> Any:
        """v2.0 style basic params

        GET /basic-v20
        """
        response = self._runtime.send(_v2_0_style_basic_params())
        return _helpers.decode(response)

    def oauth1_params_in_query(
        self,
        *,
        x: int | None = None,
    ) -> Any:
        """oauth1 params in query

        GET /oauth1-q

        Args:
            x: query x.
        """
        response = self._runtime.send(
            _oauth1_params_in_query(
                x=x,
            )
        )
        return _helpers.decode(response)

    def oauth1_params_in_header(
        self,
        *,
        body: str,
    ) -> Any:
        """oauth1 params in header

        POST /oauth1-h

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _oauth1_params_in_header(
                body=body,
            )
        )
        return _helpers.decode(response)

    def oauth1_string_false_is_true(self) -> Any:
        """oauth1 string false is true

        GET /oauth1-s
        """
        response = self._runtime.send(_oauth1_string_false_is_true())
        return _helpers.decode(response)

    def digest_qop_without_client_nonce(self) -> Any:
        """digest qop without client nonce

        GET /digest-qop
        """
        response = self._runtime.send(_digest_qop_without_client_nonce())
        return _helpers.decode(response)

    def awsv4_s3_without_body(self) -> Any:
        """awsv4 s3 without body

        GET /bucket/key
        """
        response = self._runtime.send(_awsv4_s3_without_body())
        return _helpers.decode(response)

    def awsv4_api_with_body(
        self,
        *,
        body: _models.Awsv4ApiWithBodyRequest,
    ) -> Any:
        """awsv4 api with body

        POST /api

        Args:
            body: the request body (model)
        """
        response = self._runtime.send(
            _awsv4_api_with_body(
                body=body,
            )
        )
        return _helpers.decode(response)

    def hawk(self) -> Any:
        """hawk

        GET /hawk
        """
        response = self._runtime.send(_hawk())
        return _helpers.decode(response)


class AsyncApi:
    """Operations of the top-level requests."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    @cached_property
    def basic_folder(self) -> _basic_folder.AsyncBasicFolder:
        from collection.api.basic_folder import AsyncBasicFolder

        return AsyncBasicFolder(self._runtime)

    async def inherits_collection_bearer(self) -> Any:
        """inherits collection bearer

        GET /inherit
        """
        response = await self._runtime.send(_inherits_collection_bearer())
        return _helpers.decode(response)

    async def apikey_header(
        self,
        *,
        x_api_key: str | None = None,
    ) -> Any:
        """apikey header

        GET /apikey

        Args:
            x_api_key: header x_api_key.
        """
        response = await self._runtime.send(
            _apikey_header(
                x_api_key=x_api_key,
            )
        )
        return _helpers.decode(response)

    async def apikey_query(
        self,
        *,
        api_key: str | None = None,
        x: int | None = None,
    ) -> Any:
        """apikey query

        GET /apikey-q

        Args:
            api_key: query api_key.
            x: query x.
        """
        response = await self._runtime.send(
            _apikey_query(
                api_key=api_key,
                x=x,
            )
        )
        return _helpers.decode(response)

    async def oauth2_header(self) -> Any:
        """oauth2 header

        GET /oauth2
        """
        response = await self._runtime.send(_oauth2_header())
        return _helpers.decode(response)

    async def oauth2_query(
        self,
        *,
        access_token: str | None = None,
    ) -> Any:
        """oauth2 query

        GET /oauth2-q

        Args:
            access_token: query access_token.
        """
        response = await self._runtime.send(
            _oauth2_query(
                access_token=access_token,
            )
        )
        return _helpers.decode(response)

    async def bearer_empty_token(self) -> Any:
        """bearer empty token

        GET /bearer-empty
        """
        response = await self._runtime.send(_bearer_empty_token())
        return _helpers.decode(response)

    async def digest_precomputed(
        self,
        *,
        x: int | None = None,
    ) -> Any:
        """digest precomputed

        GET /digest

        Args:
            x: query x.
        """
        response = await self._runtime.send(
            _digest_precomputed(
                x=x,
            )
        )
        return _helpers.decode(response)

    async def digest_challenge(self) -> Any:
        """digest challenge

        GET /digest-challenge
        """
        response = await self._runtime.send(_digest_challenge())
        return _helpers.decode(response)

    async def v2_0_style_basic_params(self) -> Any:
        """v2.0 style basic params

        GET /basic-v20
        """
        response = await self._runtime.send(_v2_0_style_basic_params())
        return _helpers.decode(response)

    async def oauth1_params_in_query(
        self,
        *,
        x: int | None = None,
    ) -> Any:
        """oauth1 params in query

        GET /oauth1-q

        Args:
            x: query x.
        """
        response = await self._runtime.send(
            _oauth1_params_in_query(
                x=x,
            )
        )
        return _helpers.decode(response)

    async def oauth1_params_in_header(
        self,
        *,
        body: str,
    ) -> Any:
        """oauth1 params in header

        POST /oauth1-h

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _oauth1_params_in_header(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def oauth1_string_false_is_true(self) -> Any:
        """oauth1 string false is true

        GET /oauth1-s
        """
        response = await self._runtime.send(_oauth1_string_false_is_true())
        return _helpers.decode(response)

    async def digest_qop_without_client_nonce(self) -> Any:
        """digest qop without client nonce

        GET /digest-qop
        """
        response = await self._runtime.send(_digest_qop_without_client_nonce())
        return _helpers.decode(response)

    async def awsv4_s3_without_body(self) -> Any:
        """awsv4 s3 without body

        GET /bucket/key
        """
        response = await self._runtime.send(_awsv4_s3_without_body())
        return _helpers.decode(response)

    async def awsv4_api_with_body(
        self,
        *,
        body: _models.Awsv4ApiWithBodyRequest,
    ) -> Any:
        """awsv4 api with body

        POST /api

        Args:
            body: the request body (model)
        """
        response = await self._runtime.send(
            _awsv4_api_with_body(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def hawk(self) -> Any:
        """hawk

        GET /hawk
        """
        response = await self._runtime.send(_hawk())
        return _helpers.decode(response)
