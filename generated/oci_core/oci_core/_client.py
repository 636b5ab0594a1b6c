"""The Oracle Cloud Infrastructure Core Services - Boot Volume Backups API clients, sync and
async.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import Final, Self

import httpx

from oci_core import _helpers
from oci_core._runtime import AsyncRuntime, SyncRuntime
from oci_core.api import Api, AsyncApi
from oci_core.auth import OciSigner

__all__: list[str] = [
    "AsyncClient",
    "Client",
    "default_auth",
    "default_base_url",
]

BASE_URL_ENV: Final = "OCI_CORE_BASE_URL"
DEFAULT_BASE_URL: Final = "https://iaas.{{region}}.oraclecloud.com/20160918"
BASE_URL_VARIABLES: Final = {
    "region": "OCI_CORE_REGION",
}
"""The env var that fills each ``{{variable}}`` of DEFAULT_BASE_URL."""


def default_base_url() -> str:
    """DEFAULT_BASE_URL with its variables filled from their env vars ("" if one is unset)."""
    return _helpers.fill(DEFAULT_BASE_URL, BASE_URL_VARIABLES)


def default_auth() -> httpx.Auth | None:
    """The oci signer from the OCI config file (OCI_CONFIG_FILE, else ~/.oci/config; profile
    OCI_CLI_PROFILE, else DEFAULT); None if unset.
    """
    path = os.environ.get("OCI_CONFIG_FILE", "~/.oci/config")
    if not os.path.exists(os.path.expanduser(path)):
        return None
    return OciSigner.from_config(path, profile=os.environ.get("OCI_CLI_PROFILE", "DEFAULT"))


class Client(Api):
    """Client of the Oracle Cloud Infrastructure Core Services - Boot Volume Backups API.
    Operations hang off it by folder. base_url: the argument, else $OCI_CORE_BASE_URL (either
    without a trailing /), else DEFAULT_BASE_URL as written (variables filled from
    OCI_CORE_REGION). auth: the argument, else default_auth(): The oci signer from the OCI
    config file (OCI_CONFIG_FILE, else ~/.oci/config; profile OCI_CLI_PROFILE, else DEFAULT);
    None if unset.
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
    """Async Client of the Oracle Cloud Infrastructure Core Services - Boot Volume Backups API.
    Operations hang off it by folder. base_url: the argument, else $OCI_CORE_BASE_URL (either
    without a trailing /), else DEFAULT_BASE_URL as written (variables filled from
    OCI_CORE_REGION). auth: the argument, else default_auth(): The oci signer from the OCI
    config file (OCI_CONFIG_FILE, else ~/.oci/config; profile OCI_CLI_PROFILE, else DEFAULT);
    None if unset.
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
