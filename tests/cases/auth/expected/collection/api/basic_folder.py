"""Operations of the "basic folder" folder of the Auth API."""

from __future__ import annotations

from typing import Any

from collection import _helpers
from collection._runtime import AsyncRuntime, RequestSpec, SyncRuntime

__all__: list[str] = [
    "AsyncBasicFolder",
    "BasicFolder",
]


def _folder_basic() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/basic",
        auth="basic",
    )


def _request_noauth(
    *,
    authorization: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/noauth",
        authenticate=False,
        headers=_helpers.pairs(
            ("Authorization", authorization),
        ),
    )


def _request_null_auth_inherits_folder() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/null",
        auth="basic",
    )


def _request_inherit_type_sends_nothing() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/inherit-type",
        authenticate=False,
    )


class BasicFolder:
    """Operations of the "basic folder" folder."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def folder_basic(self) -> Any:
        """folder basic

        GET /basic
        """
        response = self._runtime.send(_folder_basic())
        return _helpers.decode(response)

    def request_noauth(
        self,
        *,
        authorization: str | None = None,
    ) -> Any:
        """request noauth

        GET /noauth

        Args:
            authorization: header Authorization.
        """
        response = self._runtime.send(
            _request_noauth(
                authorization=authorization,
            )
        )
        return _helpers.decode(response)

    def request_null_auth_inherits_folder(self) -> Any:
        """request null auth inherits folder

        GET /null
        """
        response = self._runtime.send(_request_null_auth_inherits_folder())
        return _helpers.decode(response)

    def request_inherit_type_sends_nothing(self) -> Any:
        """request inherit type sends nothing

        GET /inherit-type
        """
        response = self._runtime.send(_request_inherit_type_sends_nothing())
        return _helpers.decode(response)


class AsyncBasicFolder:
    """Operations of the "basic folder" folder."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def folder_basic(self) -> Any:
        """folder basic

        GET /basic
        """
        response = await self._runtime.send(_folder_basic())
        return _helpers.decode(response)

    async def request_noauth(
        self,
        *,
        authorization: str | None = None,
    ) -> Any:
        """request noauth

        GET /noauth

        Args:
            authorization: header Authorization.
        """
        response = await self._runtime.send(
            _request_noauth(
                authorization=authorization,
            )
        )
        return _helpers.decode(response)

    async def request_null_auth_inherits_folder(self) -> Any:
        """request null auth inherits folder

        GET /null
        """
        response = await self._runtime.send(_request_null_auth_inherits_folder())
        return _helpers.decode(response)

    async def request_inherit_type_sends_nothing(self) -> Any:
        """request inherit type sends nothing

        GET /inherit-type
        """
        response = await self._runtime.send(_request_inherit_type_sends_nothing())
        return _helpers.decode(response)
