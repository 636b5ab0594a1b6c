"""The Auth API clients, sync and async."""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import Final, Self

import httpx

from collection import _helpers
from collection._runtime import AsyncRuntime, SyncRuntime
from collection.api import Api, AsyncApi
from collection.auth import (
    ApiKey,
    AuthByScheme,
    AwsSigV4,
    Basic,
    Bearer,
    Digest,
    Hawk,
    OAuth1,
    OAuth2,
)

__all__: list[str] = [
    "AsyncClient",
    "Client",
    "default_auth",
    "default_base_url",
]

BASE_URL_ENV: Final = "COLLECTION_BASE_URL"
DEFAULT_BASE_URL: Final = "http://echo.test:8080"
BASE_URL_VARIABLES: Final[dict[str, str]] = {}
"""The env var that fills each ``{{variable}}`` of DEFAULT_BASE_URL."""


def default_base_url() -> str:
    """DEFAULT_BASE_URL with its variables filled from their env vars ("" if one is unset)."""
    return _helpers.fill(DEFAULT_BASE_URL, BASE_URL_VARIABLES)


def default_auth() -> httpx.Auth | None:
    """The requests use several auth schemes (basic, digest, oauth1, bearer, apikey, oauth2,
    awsv4, hawk): an AuthByScheme that signs each request with its own scheme's signer, each
    built as its function below says.
    """
    return AuthByScheme(
        basic=_default_basic(),
        digest=_default_digest(),
        oauth1=_default_oauth1(),
        bearer=_default_bearer(),
        apikey=_default_apikey(),
        oauth2=_default_oauth2(),
        awsv4=_default_awsv4(),
        hawk=_default_hawk(),
    )


def _default_basic() -> httpx.Auth | None:
    """The basic signer from COLLECTION_USERNAME, COLLECTION_PASSWORD; None if unset."""
    username = os.environ.get("COLLECTION_USERNAME")
    if username is None:
        return None
    return Basic(username, os.environ.get("COLLECTION_PASSWORD", ""))


def _default_digest() -> httpx.Auth | None:
    """The digest signer from COLLECTION_USERNAME, COLLECTION_PASSWORD; None if unset."""
    username = os.environ.get("COLLECTION_USERNAME")
    if username is None:
        return None
    return Digest(username, os.environ.get("COLLECTION_PASSWORD", ""))


def _default_oauth1() -> httpx.Auth | None:
    """The oauth1 signer from COLLECTION_CONSUMER_KEY, COLLECTION_CONSUMER_SECRET,
    COLLECTION_TOKEN, COLLECTION_TOKEN_SECRET; None if unset.
    """
    consumer_key = os.environ.get("COLLECTION_CONSUMER_KEY")
    consumer_secret = os.environ.get("COLLECTION_CONSUMER_SECRET")
    if not consumer_key or not consumer_secret:
        return None
    return OAuth1(
        consumer_key,
        consumer_secret,
        token=os.environ.get("COLLECTION_TOKEN"),
        token_secret=os.environ.get("COLLECTION_TOKEN_SECRET"),
        signature_method="HMAC-SHA1",
    )


def _default_bearer() -> httpx.Auth | None:
    """The bearer signer from COLLECTION_BEARER_TOKEN; None if unset."""
    token = os.environ.get("COLLECTION_BEARER_TOKEN")
    return Bearer(token) if token else None


def _default_apikey() -> httpx.Auth | None:
    """The apikey signer from COLLECTION_API_KEY; None if unset."""
    value = os.environ.get("COLLECTION_API_KEY")
    if not value:
        return None
    return ApiKey("X-API-Key", value, location="header")


def _default_oauth2() -> httpx.Auth | None:
    """The oauth2 signer from COLLECTION_ACCESS_TOKEN; None if unset."""
    token = os.environ.get("COLLECTION_ACCESS_TOKEN")
    if not token:
        return None
    return OAuth2(
        token,
        header_prefix="Token",
        add_token_to="header",
    )


def _default_awsv4() -> httpx.Auth | None:
    """The awsv4 signer from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
    AWS_REGION; None if unset.
    """
    access_key = os.environ.get("AWS_ACCESS_KEY_ID")
    secret_key = os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not access_key or not secret_key:
        return None
    return AwsSigV4(
        access_key,
        secret_key,
        region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "eu-west-1",
        service="s3",
        session_token=os.environ.get("AWS_SESSION_TOKEN"),
    )


def _default_hawk() -> httpx.Auth | None:
    """The hawk signer from COLLECTION_HAWK_ID, COLLECTION_HAWK_KEY; None if unset."""
    hawk_id = os.environ.get("COLLECTION_HAWK_ID")
    hawk_key = os.environ.get("COLLECTION_HAWK_KEY")
    if not hawk_id or not hawk_key:
        return None
    return Hawk(hawk_id, hawk_key)


class Client(Api):
    """Client of the Auth API. Operations hang off it by folder. base_url: the argument, else
    $COLLECTION_BASE_URL (either without a trailing /), else DEFAULT_BASE_URL as written.
    auth: the argument, else default_auth(): The requests use several auth schemes (basic,
    digest, oauth1, bearer, apikey, oauth2, awsv4, hawk): an AuthByScheme that signs each
    request with its own scheme's signer, each built as its function below says.
    """

    def __init__(
        self,
        base_url: str | None = None,
        auth: httpx.Auth | None = None,
        *,
        timeout: float | httpx.Timeout | None = 60.0,
        max_retries: int = 3,
        http_client: httpx.Client | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            SyncRuntime(
                base_url=base_url,
                env_var=BASE_URL_ENV,
                default_base_url=default_base_url(),
                auth=auth if auth is not None else default_auth(),
                timeout=timeout,
                max_retries=max_retries,
                http_client=http_client,
                headers=headers,
            )
        )

    @property
    def base_url(self) -> str:
        """Where requests go: the argument, else the env var, else the default."""
        return self._runtime.base_url

    @property
    def last_response(self) -> httpx.Response | None:
        """The raw response of this thread's latest call (headers such as etag, paging)."""
        return self._runtime.last_response

    def close(self) -> None:
        self._runtime.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(AsyncApi):
    """Async Client of the Auth API. Operations hang off it by folder. base_url: the argument,
    else $COLLECTION_BASE_URL (either without a trailing /), else DEFAULT_BASE_URL as written.
    auth: the argument, else default_auth(): The requests use several auth schemes (basic,
    digest, oauth1, bearer, apikey, oauth2, awsv4, hawk): an AuthByScheme that signs each
    request with its own scheme's signer, each built as its function below says.
    """

    def __init__(
        self,
        base_url: str | None = None,
        auth: httpx.Auth | None = None,
        *,
        timeout: float | httpx.Timeout | None = 60.0,
        max_retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            AsyncRuntime(
                base_url=base_url,
                env_var=BASE_URL_ENV,
                default_base_url=default_base_url(),
                auth=auth if auth is not None else default_auth(),
                timeout=timeout,
                max_retries=max_retries,
                http_client=http_client,
                headers=headers,
            )
        )

    @property
    def base_url(self) -> str:
        """Where requests go: the argument, else the env var, else the default."""
        return self._runtime.base_url

    @property
    def last_response(self) -> httpx.Response | None:
        """The raw response of this task's latest call (headers such as etag, paging)."""
        return self._runtime.last_response

    async def aclose(self) -> None:
        await self._runtime.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
