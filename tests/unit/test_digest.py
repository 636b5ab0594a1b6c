"""Digest responses against the published and library vectors in ../shared/oracles."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import SHARED

from generator.postman.digest import digest_response

VECTORS = json.loads((SHARED / "oracles" / "digest_vectors.json").read_text())["vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["id"])
def test_digest_vector(vector: dict[str, Any]) -> None:
    # userhash only changes the username field Postman does not send; the response is the same.
    response = digest_response(
        username=vector["username"],
        password=vector["password"],
        realm=vector["realm"],
        nonce=vector["nonce"],
        method=vector["method"],
        uri=vector["uri"],
        algorithm=vector["algorithm"] or "MD5",
        qop=vector["qop"] or "",
        nc=vector["nc"] or "",
        cnonce=vector["cnonce"] or "",
        body=(vector.get("body") or "").encode("utf-8"),
    )
    assert response == vector["expected"]["response"]
