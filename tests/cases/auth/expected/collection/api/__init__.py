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
        auth="bearer",
    )


def _apikey_header() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/apikey",
        auth="apikey",
        auth_settings={"name": "X-API-Key", "location": "header"},
    )


def _apikey_query(
    *,
    x: int | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/apikey-q",
        auth="apikey",
        auth_settings={"name": "api_key", "location": "query"},
        params=_helpers.pairs(
            ("x", x),
        ),
    )


def _oauth2_header() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth2",
        auth="oauth2",
        auth_settings={"add_token_to": "header", "header_prefix": "Token"},
    )


def _oauth2_query() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth2-q",
        auth="oauth2",
        auth_settings={"add_token_to": "queryParams", "header_prefix": "Bearer"},
    )


def _bearer_empty_token(
    *,
    authorization: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/bearer-empty",
        auth="bearer",
        headers=_helpers.pairs(
            ("Authorization", authorization),
        ),
    )


def _digest_precomputed(
    *,
    x: int | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/digest",
        auth="digest",
        auth_settings={
            "realm": "testrealm@host.com",
            "nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "opaque": "5ccc069c403ebaf9f0171e9517f40e41",
            "algorithm": "MD5",
        },
        params=_helpers.pairs(
            ("x", x),
        ),
    )


def _digest_challenge() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/digest-challenge",
        auth="digest",
    )


def _v2_0_style_basic_params() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/basic-v20",
        auth="basic",
    )


def _oauth1_params_in_query(
    *,
    x: int | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth1-q",
        auth="oauth1",
        auth_settings={
            "signature_method": "HMAC-SHA1",
            "version": "1.0",
            "include_body_hash": False,
            "add_params_to_header": False,
            "add_empty_params_to_sign": False,
            "disable_header_encoding": False,
        },
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
        auth="oauth1",
        auth_settings={
            "signature_method": "HMAC-SHA256",
            "version": None,
            "include_body_hash": False,
            "add_params_to_header": True,
            "add_empty_params_to_sign": False,
            "disable_header_encoding": False,
        },
        headers=_helpers.pairs(
            ("Content-Type", "text/plain"),
        ),
    )


def _oauth1_string_false_is_true() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/oauth1-s",
        auth="oauth1",
        auth_settings={
            "signature_method": "HMAC-SHA1",
            "version": None,
            "include_body_hash": False,
            "add_params_to_header": True,
            "add_empty_params_to_sign": False,
            "disable_header_encoding": False,
        },
    )


def _digest_qop_without_client_nonce() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/digest-qop",
        auth="digest",
        auth_settings={"realm": "r", "nonce": "n", "qop": "auth", "nonce_count": 1},
    )


def _awsv4_s3_without_body() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/bucket/key",
        auth="awsv4",
        auth_settings={"region": "eu-west-1", "service": "s3"},
    )


def _awsv4_api_with_body(
    *,
    body: _models.Awsv4ApiWithBodyRequest,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/api",
        content=_helpers.model_json(body),
        auth="awsv4",
        auth_settings={"region": "us-east-1", "service": "execute-api"},
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
        ),
    )


def _hawk() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/hawk",
        auth="hawk",
        auth_settings={"algorithm": "sha256", "include_payload_hash": False},
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

    def apikey_header(self) -> Any:
        """apikey header

        GET /apikey
        """
        response = self._runtime.send(_apikey_header())
        return _helpers.decode(response)

    def apikey_query(
        self,
        *,
        x: int | None = None,
    ) -> Any:
        """apikey query

        GET /apikey-q

        Args:
            x: query x.
        """
        response = self._runtime.send(
            _apikey_query(
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

    def oauth2_query(self) -> Any:
        """oauth2 query

        GET /oauth2-q
        """
        response = self._runtime.send(_oauth2_query())
        return _helpers.decode(response)

    def bearer_empty_token(
        self,
        *,
        authorization: str | None = None,
    ) -> Any:
        """bearer empty token

        GET /bearer-empty

        Args:
            authorization: header Authorization.
        """
        response = self._runtime.send(
            _bearer_empty_token(
                authorization=authorization,
            )
        )
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

    async def apikey_header(self) -> Any:
        """apikey header

        GET /apikey
        """
        response = await self._runtime.send(_apikey_header())
        return _helpers.decode(response)

    async def apikey_query(
        self,
        *,
        x: int | None = None,
    ) -> Any:
        """apikey query

        GET /apikey-q

        Args:
            x: query x.
        """
        response = await self._runtime.send(
            _apikey_query(
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

    async def oauth2_query(self) -> Any:
        """oauth2 query

        GET /oauth2-q
        """
        response = await self._runtime.send(_oauth2_query())
        return _helpers.decode(response)

    async def bearer_empty_token(
        self,
        *,
        authorization: str | None = None,
    ) -> Any:
        """bearer empty token

        GET /bearer-empty

        Args:
            authorization: header Authorization.
        """
        response = await self._runtime.send(
            _bearer_empty_token(
                authorization=authorization,
            )
        )
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
