"""The package's public names are pinned (like httpx's test_exported_members)."""

from __future__ import annotations

import generator


def test_public_api() -> None:
    assert set(generator.__all__) == {
        "CollectionError",
        "PostgenError",
        "__version__",
        "check",
        "generate",
        "parse",
    }
    for name in generator.__all__:
        assert getattr(generator, name) is not None


def test_parse_reads_a_collection() -> None:
    from conftest import ROOT

    parsed = generator.parse(ROOT / "collections" / "oci_core.postman_collection.json")
    assert [op.name for op in parsed.collection.operations][:1] == ["CreateBootVolumeBackup"]
