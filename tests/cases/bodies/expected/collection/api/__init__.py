"""Operations of the top-level requests of the Body modes API."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from collection import _helpers
from collection import models as _models
from collection._runtime import AsyncRuntime, RequestSpec, SyncRuntime

__all__: list[str] = [
    "Api",
    "AsyncApi",
]


def _raw_text_no_language(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/raw/text",
        content=_helpers.text(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "text/plain"),
        ),
    )


def _raw_json_with_comments(
    *,
    body: _models.RawJsonWithCommentsRequest,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/raw/json",
        content=_helpers.model_json(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
        ),
    )


def _raw_json_via_header(
    *,
    body: _models.RawJsonViaHeaderRequest,
) -> RequestSpec:
    return RequestSpec(
        method="PUT",
        path="/raw/json-header",
        content=_helpers.model_json(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/vnd.api+json"),
        ),
    )


def _raw_xml(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/raw/xml",
        content=_helpers.text(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/xml"),
        ),
    )


def _raw_starting_with_at_sign(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/raw/at",
        content=_helpers.text(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "text/plain"),
        ),
    )


def _raw_with_unicode_and_emoji(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="PATCH",
        path="/raw/unicode",
        content=_helpers.text(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "text/plain"),
        ),
    )


def _get_with_body_is_pruned() -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/get-body",
        authenticate=False,
    )


def _get_with_body_kept(
    *,
    body: _models.GetWithBodyKeptRequest,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/get-body-kept",
        content=_helpers.model_json(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
        ),
    )


def _head_with_body() -> RequestSpec:
    return RequestSpec(
        method="HEAD",
        path="/head",
        authenticate=False,
    )


def _delete_with_body(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="DELETE",
        path="/delete-body",
        content=_helpers.text(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "text/plain"),
        ),
    )


def _post_without_body() -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/empty",
        authenticate=False,
    )


def _put_with_empty_raw() -> RequestSpec:
    return RequestSpec(
        method="PUT",
        path="/empty-raw",
        authenticate=False,
    )


def _body_disabled() -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/disabled",
        authenticate=False,
    )


def _urlencoded(
    *,
    body: Mapping[str, str] | Sequence[tuple[str, str]],
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/form",
        content=_helpers.form(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/x-www-form-urlencoded"),
        ),
    )


def _urlencoded_all_disabled() -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/form-none",
        authenticate=False,
    )


def _urlencoded_with_json_content_type(
    *,
    body: Mapping[str, str] | Sequence[tuple[str, str]],
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/form-ct",
        content=_helpers.form(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/x-www-form-urlencoded"),
        ),
    )


def _formdata_text_and_files(
    *,
    body: Mapping[str, str],
    files: Mapping[str, _helpers.FileContent] | None,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/multipart",
        files=_helpers.multipart(body, files),
        authenticate=False,
    )


def _binary_file_body(
    *,
    body: bytes,
) -> RequestSpec:
    return RequestSpec(
        method="PUT",
        path="/binary",
        content=bytes(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/octet-stream"),
        ),
    )


def _file_mode_without_file() -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/binary-none",
        authenticate=False,
    )


def _graphql(
    *,
    body: Mapping[str, Any] | str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/graphql",
        content=_helpers.graphql(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
        ),
    )


def _graphql_null_variables(
    *,
    body: Mapping[str, Any] | str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/graphql-null",
        content=_helpers.graphql(body),
        authenticate=False,
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
        ),
    )


def _empty_object_body() -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/body-empty-object",
        authenticate=False,
    )


def _disabled_content_type_system_header(
    *,
    body: str,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/no-ct",
        content=_helpers.text(body),
        authenticate=False,
    )


class Api:
    """Operations of the top-level requests. Every body mode and Postman's rules around bodies."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def raw_text_no_language(
        self,
        *,
        body: str,
    ) -> Any:
        """raw text no language

        POST /raw/text

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _raw_text_no_language(
                body=body,
            )
        )
        return _helpers.decode(response)

    def raw_json_with_comments(
        self,
        *,
        body: _models.RawJsonWithCommentsRequest,
    ) -> Any:
        """raw json with comments

        POST /raw/json

        Args:
            body: the request body (model)
        """
        response = self._runtime.send(
            _raw_json_with_comments(
                body=body,
            )
        )
        return _helpers.decode(response)

    def raw_json_via_header(
        self,
        *,
        body: _models.RawJsonViaHeaderRequest,
    ) -> Any:
        """raw json via header

        PUT /raw/json-header

        Args:
            body: the request body (model)
        """
        response = self._runtime.send(
            _raw_json_via_header(
                body=body,
            )
        )
        return _helpers.decode(response)

    def raw_xml(
        self,
        *,
        body: str,
    ) -> Any:
        """raw xml

        POST /raw/xml

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _raw_xml(
                body=body,
            )
        )
        return _helpers.decode(response)

    def raw_starting_with_at_sign(
        self,
        *,
        body: str,
    ) -> Any:
        """raw starting with at sign

        POST /raw/at

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _raw_starting_with_at_sign(
                body=body,
            )
        )
        return _helpers.decode(response)

    def raw_with_unicode_and_emoji(
        self,
        *,
        body: str,
    ) -> Any:
        """raw with unicode and emoji

        PATCH /raw/unicode

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _raw_with_unicode_and_emoji(
                body=body,
            )
        )
        return _helpers.decode(response)

    def get_with_body_is_pruned(self) -> Any:
        """get with body is pruned

        GET /get-body
        """
        response = self._runtime.send(_get_with_body_is_pruned())
        return _helpers.decode(response)

    def get_with_body_kept(
        self,
        *,
        body: _models.GetWithBodyKeptRequest,
    ) -> Any:
        """get with body kept

        GET /get-body-kept

        Args:
            body: the request body (model)
        """
        response = self._runtime.send(
            _get_with_body_kept(
                body=body,
            )
        )
        return _helpers.decode(response)

    def head_with_body(self) -> Any:
        """head with body

        HEAD /head
        """
        response = self._runtime.send(_head_with_body())
        return _helpers.decode(response)

    def delete_with_body(
        self,
        *,
        body: str,
    ) -> Any:
        """delete with body

        DELETE /delete-body

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _delete_with_body(
                body=body,
            )
        )
        return _helpers.decode(response)

    def post_without_body(self) -> Any:
        """post without body

        POST /empty
        """
        response = self._runtime.send(_post_without_body())
        return _helpers.decode(response)

    def put_with_empty_raw(self) -> Any:
        """put with empty raw

        PUT /empty-raw
        """
        response = self._runtime.send(_put_with_empty_raw())
        return _helpers.decode(response)

    def body_disabled(self) -> Any:
        """body disabled

        POST /disabled
        """
        response = self._runtime.send(_body_disabled())
        return _helpers.decode(response)

    def urlencoded(
        self,
        *,
        body: Mapping[str, str] | Sequence[tuple[str, str]],
    ) -> Any:
        """urlencoded

        POST /form

        Args:
            body: the request body (form)
        """
        response = self._runtime.send(
            _urlencoded(
                body=body,
            )
        )
        return _helpers.decode(response)

    def urlencoded_all_disabled(self) -> Any:
        """urlencoded all disabled

        POST /form-none
        """
        response = self._runtime.send(_urlencoded_all_disabled())
        return _helpers.decode(response)

    def urlencoded_with_json_content_type(
        self,
        *,
        body: Mapping[str, str] | Sequence[tuple[str, str]],
    ) -> Any:
        """urlencoded with json content type

        POST /form-ct

        Args:
            body: the request body (form)
        """
        response = self._runtime.send(
            _urlencoded_with_json_content_type(
                body=body,
            )
        )
        return _helpers.decode(response)

    def formdata_text_and_files(
        self,
        *,
        body: Mapping[str, str],
        files: Mapping[str, _helpers.FileContent] | None = None,
    ) -> Any:
        """formdata text and files

        POST /multipart

        Args:
            body: the request body (multipart)
        """
        response = self._runtime.send(
            _formdata_text_and_files(
                body=body,
                files=files,
            )
        )
        return _helpers.decode(response)

    def binary_file_body(
        self,
        *,
        body: bytes,
    ) -> Any:
        """binary file body

        PUT /binary

        Args:
            body: the request body (bytes)
        """
        response = self._runtime.send(
            _binary_file_body(
                body=body,
            )
        )
        return _helpers.decode(response)

    def file_mode_without_file(self) -> Any:
        """file mode without file

        POST /binary-none
        """
        response = self._runtime.send(_file_mode_without_file())
        return _helpers.decode(response)

    def graphql(
        self,
        *,
        body: Mapping[str, Any] | str,
    ) -> Any:
        """graphql

        POST /graphql

        Args:
            body: the request body (graphql)
        """
        response = self._runtime.send(
            _graphql(
                body=body,
            )
        )
        return _helpers.decode(response)

    def graphql_null_variables(
        self,
        *,
        body: Mapping[str, Any] | str,
    ) -> Any:
        """graphql null variables

        POST /graphql-null

        Args:
            body: the request body (graphql)
        """
        response = self._runtime.send(
            _graphql_null_variables(
                body=body,
            )
        )
        return _helpers.decode(response)

    def empty_object_body(self) -> Any:
        """empty object body

        POST /body-empty-object
        """
        response = self._runtime.send(_empty_object_body())
        return _helpers.decode(response)

    def disabled_content_type_system_header(
        self,
        *,
        body: str,
    ) -> Any:
        """disabled content type system header

        POST /no-ct

        Args:
            body: the request body (text)
        """
        response = self._runtime.send(
            _disabled_content_type_system_header(
                body=body,
            )
        )
        return _helpers.decode(response)


class AsyncApi:
    """Operations of the top-level requests. Every body mode and Postman's rules around bodies."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def raw_text_no_language(
        self,
        *,
        body: str,
    ) -> Any:
        """raw text no language

        POST /raw/text

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _raw_text_no_language(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def raw_json_with_comments(
        self,
        *,
        body: _models.RawJsonWithCommentsRequest,
    ) -> Any:
        """raw json with comments

        POST /raw/json

        Args:
            body: the request body (model)
        """
        response = await self._runtime.send(
            _raw_json_with_comments(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def raw_json_via_header(
        self,
        *,
        body: _models.RawJsonViaHeaderRequest,
    ) -> Any:
        """raw json via header

        PUT /raw/json-header

        Args:
            body: the request body (model)
        """
        response = await self._runtime.send(
            _raw_json_via_header(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def raw_xml(
        self,
        *,
        body: str,
    ) -> Any:
        """raw xml

        POST /raw/xml

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _raw_xml(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def raw_starting_with_at_sign(
        self,
        *,
        body: str,
    ) -> Any:
        """raw starting with at sign

        POST /raw/at

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _raw_starting_with_at_sign(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def raw_with_unicode_and_emoji(
        self,
        *,
        body: str,
    ) -> Any:
        """raw with unicode and emoji

        PATCH /raw/unicode

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _raw_with_unicode_and_emoji(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def get_with_body_is_pruned(self) -> Any:
        """get with body is pruned

        GET /get-body
        """
        response = await self._runtime.send(_get_with_body_is_pruned())
        return _helpers.decode(response)

    async def get_with_body_kept(
        self,
        *,
        body: _models.GetWithBodyKeptRequest,
    ) -> Any:
        """get with body kept

        GET /get-body-kept

        Args:
            body: the request body (model)
        """
        response = await self._runtime.send(
            _get_with_body_kept(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def head_with_body(self) -> Any:
        """head with body

        HEAD /head
        """
        response = await self._runtime.send(_head_with_body())
        return _helpers.decode(response)

    async def delete_with_body(
        self,
        *,
        body: str,
    ) -> Any:
        """delete with body

        DELETE /delete-body

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _delete_with_body(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def post_without_body(self) -> Any:
        """post without body

        POST /empty
        """
        response = await self._runtime.send(_post_without_body())
        return _helpers.decode(response)

    async def put_with_empty_raw(self) -> Any:
        """put with empty raw

        PUT /empty-raw
        """
        response = await self._runtime.send(_put_with_empty_raw())
        return _helpers.decode(response)

    async def body_disabled(self) -> Any:
        """body disabled

        POST /disabled
        """
        response = await self._runtime.send(_body_disabled())
        return _helpers.decode(response)

    async def urlencoded(
        self,
        *,
        body: Mapping[str, str] | Sequence[tuple[str, str]],
    ) -> Any:
        """urlencoded

        POST /form

        Args:
            body: the request body (form)
        """
        response = await self._runtime.send(
            _urlencoded(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def urlencoded_all_disabled(self) -> Any:
        """urlencoded all disabled

        POST /form-none
        """
        response = await self._runtime.send(_urlencoded_all_disabled())
        return _helpers.decode(response)

    async def urlencoded_with_json_content_type(
        self,
        *,
        body: Mapping[str, str] | Sequence[tuple[str, str]],
    ) -> Any:
        """urlencoded with json content type

        POST /form-ct

        Args:
            body: the request body (form)
        """
        response = await self._runtime.send(
            _urlencoded_with_json_content_type(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def formdata_text_and_files(
        self,
        *,
        body: Mapping[str, str],
        files: Mapping[str, _helpers.FileContent] | None = None,
    ) -> Any:
        """formdata text and files

        POST /multipart

        Args:
            body: the request body (multipart)
        """
        response = await self._runtime.send(
            _formdata_text_and_files(
                body=body,
                files=files,
            )
        )
        return _helpers.decode(response)

    async def binary_file_body(
        self,
        *,
        body: bytes,
    ) -> Any:
        """binary file body

        PUT /binary

        Args:
            body: the request body (bytes)
        """
        response = await self._runtime.send(
            _binary_file_body(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def file_mode_without_file(self) -> Any:
        """file mode without file

        POST /binary-none
        """
        response = await self._runtime.send(_file_mode_without_file())
        return _helpers.decode(response)

    async def graphql(
        self,
        *,
        body: Mapping[str, Any] | str,
    ) -> Any:
        """graphql

        POST /graphql

        Args:
            body: the request body (graphql)
        """
        response = await self._runtime.send(
            _graphql(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def graphql_null_variables(
        self,
        *,
        body: Mapping[str, Any] | str,
    ) -> Any:
        """graphql null variables

        POST /graphql-null

        Args:
            body: the request body (graphql)
        """
        response = await self._runtime.send(
            _graphql_null_variables(
                body=body,
            )
        )
        return _helpers.decode(response)

    async def empty_object_body(self) -> Any:
        """empty object body

        POST /body-empty-object
        """
        response = await self._runtime.send(_empty_object_body())
        return _helpers.decode(response)

    async def disabled_content_type_system_header(
        self,
        *,
        body: str,
    ) -> Any:
        """disabled content type system header

        POST /no-ct

        Args:
            body: the request body (text)
        """
        response = await self._runtime.send(
            _disabled_content_type_system_header(
                body=body,
            )
        )
        return _helpers.decode(response)
