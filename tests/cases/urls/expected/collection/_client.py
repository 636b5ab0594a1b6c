"""The URLs and variables API clients, sync and async."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Final, Self

import httpx

from collection import _helpers
from collection._runtime import AsyncRuntime, SyncRuntime
from collection.api import Api, AsyncApi

__all__: list[str] = [
    "AsyncClient",
    "Client",
    "default_auth",
    "default_base_url",
]

BASE_URL_ENV: Final = "COLLECTION_BASE_URL"
DEFAULT_BASE_URL: Final = "http://Echo.Test:8080/api"
BASE_URL_VARIABLES: Final[dict[str, str]] = {}
"""The env var that fills each ``{{variable}}`` of DEFAULT_BASE_URL."""


def default_base_url() -> str:
    """DEFAULT_BASE_URL with its variables filled from their env vars ("" if one is unset)."""
    return _helpers.fill(DEFAULT_BASE_URL, BASE_URL_VARIABLES)


def default_auth() -> httpx.Auth | None:
    """No auth: the collection's requests are not authenticated."""
    return None


class Client(Api):
    """Client of the URLs and variables API. Operations hang off it by folder. base_url: the
    argument, else $COLLECTION_BASE_URL (either without a trailing /), else DEFAULT_BASE_URL
    as written. auth: the argument, else default_auth(): No auth: the collection's requests
    are not authenticated.
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
    """Async Client of the URLs and variables API. Operations hang off it by folder. base_url:
    the argument, else $COLLECTION_BASE_URL (either without a trailing /), else
    DEFAULT_BASE_URL as written. auth: the argument, else default_auth(): No auth: the
    collection's requests are not authenticated.
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
