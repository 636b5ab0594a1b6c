"""The postgen CLI, run as a user runs it: generate, check, validate, snippet."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli

OCI = ROOT / "collections" / "oci_core.postman_collection.json"
GENERATED = ROOT / "generated" / "oci_core"
SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


def test_committed_output_is_current() -> None:
    done = run_cli("check", OCI, "--out", GENERATED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_generate_then_check(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("generate", OCI, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "5 operations, written" in done.stderr
    assert run_cli("check", OCI, "--out", out).returncode == 0
    again = run_cli("generate", OCI, "--out", out)
    assert "already up to date" in again.stderr


def test_manifest_contract(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("generate", OCI, "--out", out)
    manifest = json.loads((out / "postgen-manifest.json").read_text())
    assert manifest["generator"].startswith("postgen ")
    assert manifest["collection"] == {
        "name": "Oracle Cloud Infrastructure Core Services - Boot Volume Backups",
        "postman_id": "5c0d2f1e-8a3b-4c7d-9e21-0b5a6f3c2d10",
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    }
    assert manifest["package"] == "oci_core"
    first = manifest["operations"][0]
    assert first == {
        "item_path": ["Boot Volume Backups", "CreateBootVolumeBackup"],
        "item_id": None,
        "pointer": "/item/0/item/0",
        "method": "POST",
        "url": "{{baseUrl}}/bootVolumeBackups",
        "request_model": "oci_core.models.CreateBootVolumeBackupRequest",
        "response_models": {
            "200": "oci_core.models.BootVolumeBackup",
            "400": "oci_core.models.Error",
            "401": "oci_core.models.Error",
            "404": "oci_core.models.Error",
            "409": "oci_core.models.Error",
            "500": "oci_core.models.Error",
        },
        "curl": "snippets/curl/boot_volume_backups/create_boot_volume_backup.sh",
        "module": "oci_core.api.boot_volume_backups",
        "function": "create_boot_volume_backup",
        "client_attr": "boot_volume_backups.create_boot_volume_backup",
        "python": "snippets/python/boot_volume_backups/create_boot_volume_backup.py",
        "auth": "oci",
        "docs": "docs/boot_volume_backups.md#op-boot_volume_backups-create_boot_volume_backup",
    }
    listing = manifest["operations"][2]
    assert listing["request_model"] is None
    assert listing["response_models"]["200"] == "oci_core.models.BootVolumeBackupList"
    assert [op["item_path"][-1] for op in manifest["operations"]] == [
        "CreateBootVolumeBackup",
        "GetBootVolumeBackup",
        "ListBootVolumeBackups",
        "UpdateBootVolumeBackup",
        "DeleteBootVolumeBackup",
    ]
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(manifest["files"]) == files - {"postgen-manifest.json"}


def test_check_reports_changed_missing_and_extra(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(GENERATED, out)
    snippet = out / "snippets/curl/boot_volume_backups/get_boot_volume_backup.sh"
    snippet.write_text(snippet.read_text().replace("GetBootVolumeBackup", "Edited"))
    (out / "snippets/curl/boot_volume_backups/delete_boot_volume_backup.sh").unlink()
    manifest = json.loads((out / "postgen-manifest.json").read_text())
    manifest["files"]["snippets/curl/old.sh"] = "0" * 64
    (out / "postgen-manifest.json").write_text(json.dumps(manifest))
    (out / "snippets/curl/old.sh").write_text("stale\n")
    (out / "NOTES.md").write_text("a file postgen did not write\n")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    done = run_cli("check", OCI, "--out", out)
    assert done.returncode == 1
    assert (
        "-# Boot Volume Backups / Edited" in done.stdout
        and "+# Boot Volume Backups / GetBootVolumeBackup" in done.stdout
    )
    assert "missing: snippets/curl/boot_volume_backups/delete_boot_volume_backup.sh" in done.stdout
    assert "extra: snippets/curl/old.sh" in done.stdout
    assert "NOTES.md" not in done.stdout
    assert "stale: 2 changed, 1 missing, 1 extra" in done.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # wrote nothing

    assert run_cli("generate", OCI, "--out", out).returncode == 0
    assert run_cli("check", OCI, "--out", out).returncode == 0
    assert not (out / "snippets/curl/old.sh").exists()  # ours, no longer generated: removed
    assert (out / "NOTES.md").read_text() == "a file postgen did not write\n"  # never touched


def test_bad_input_writes_nothing_and_keeps_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(GENERATED, out)
    bad = tmp_path / "bad.json"
    schema = "https://schema.getpostman.com/json/collection/v2.1.0/"
    item = {"name": 1, "request": {"method": 5}}
    bad.write_text(json.dumps({"info": {"name": "x", "schema": schema}, "item": [item]}))
    done = run_cli("generate", bad, "--out", out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "/item/0/request/method" in done.stderr
    assert run_cli("check", OCI, "--out", out).returncode == 0


def test_snippet_prints_one_request() -> None:
    done = run_cli(
        "snippet", OCI, "--item", "Boot Volume Backups/CreateBootVolumeBackup", "--lang", "curl"
    )
    assert done.returncode == 0
    expected = (
        GENERATED / "snippets/curl/boot_volume_backups/create_boot_volume_backup.sh"
    ).read_text()
    assert done.stdout == expected
    by_pointer = run_cli("snippet", OCI, "--item", "/item/0/item/0")
    assert by_pointer.stdout == expected


def test_snippet_unknown_item_is_a_clear_error() -> None:
    done = run_cli("snippet", OCI, "--item", "Nope/Nothing")
    assert done.returncode == 2
    assert (
        done.stderr
        == "postgen: --item 'Nope/Nothing': no request with that path, id or JSON pointer\n"
    )


def test_environment_overrides_collection_variables(tmp_path: Path) -> None:
    env = tmp_path / "env.json"
    env.write_text(
        json.dumps(
            {
                "name": "e",
                "values": [
                    {"key": "region", "value": "us-phoenix-1", "enabled": True},
                    {"key": "signature", "value": "SIG", "enabled": False},
                ],
            }
        )
    )
    done = run_cli("snippet", OCI, "--item", "/item/0/item/1", "--env", env)
    assert "https://iaas.us-phoenix-1.oraclecloud.com/20160918/bootVolumeBackups/" in done.stdout
    assert "Authorization: {{signature}}" in done.stdout  # disabled env value is ignored


def test_shell_variables_mode() -> None:
    done = run_cli("snippet", OCI, "--item", "/item/0/item/1", "--vars", "shell")
    assert '--url https://iaas."${REGION}".oraclecloud.com/' in done.stdout
    assert "# set before running: DATE, REGION, SIGNATURE" in done.stdout


def _tree(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("seed", ["0", "12345"])
def test_output_is_deterministic(tmp_path: Path, seed: str) -> None:
    collection = ROOT / ".." / "shared" / "corpus" / "real" / "stripe-api.postman_collection.json"
    first, second = tmp_path / "a", tmp_path / "b"
    assert (
        run_cli("generate", collection, "--out", first, env={"PYTHONHASHSEED": seed}).returncode
        == 0
    )
    assert (
        run_cli("generate", collection, "--out", second, env={"PYTHONHASHSEED": "777"}).returncode
        == 0
    )
    assert _tree(first) == _tree(second)


def test_python_dash_m_and_console_script_agree() -> None:
    exe = shutil.which("postgen")
    if exe is None:
        pytest.skip("postgen console script not on PATH")
    import subprocess

    direct = subprocess.run(
        [exe, "snippet", str(OCI), "--item", "/item/0/item/2"], capture_output=True, text=True
    )
    assert direct.stdout == run_cli("snippet", OCI, "--item", "/item/0/item/2").stdout


def test_manifest_models_resolve_in_the_generated_package(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("generate", OCI, "--out", out)
    manifest = json.loads((out / "postgen-manifest.json").read_text())
    paths = sorted(
        {op["request_model"] for op in manifest["operations"] if op["request_model"]}
        | {path for op in manifest["operations"] for path in op["response_models"].values()}
    )
    script = (
        "import importlib, sys\n"
        "for path in sys.argv[1:]:\n"
        "    module, _, name = path.rpartition('.')\n"
        "    model = getattr(importlib.import_module(module), name)\n"
        "    assert hasattr(model, 'model_validate'), path\n"
        "    print(path)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *paths], cwd=out, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == paths
    assert len(paths) == 5


def test_only_selects_outputs(tmp_path: Path) -> None:
    curl_only = tmp_path / "curl"
    assert run_cli("generate", OCI, "--out", curl_only, "--only", "curl").returncode == 0
    files = {p.relative_to(curl_only).as_posix() for p in curl_only.rglob("*") if p.is_file()}
    assert all(f.startswith("snippets/curl/") for f in files - {"postgen-manifest.json"})
    manifest = json.loads((curl_only / "postgen-manifest.json").read_text())
    assert "request_model" not in manifest["operations"][0]
    assert run_cli("check", OCI, "--out", curl_only, "--only", "curl").returncode == 0
    assert run_cli("check", OCI, "--out", curl_only).returncode == 1
    # The same snippets as a full run's (which also parses the example responses).
    full = tmp_path / "full"
    assert run_cli("generate", OCI, "--out", full).returncode == 0
    for name in files - {"postgen-manifest.json"}:
        assert (curl_only / name).read_bytes() == (full / name).read_bytes(), name
    entries = json.loads((full / "postgen-manifest.json").read_text())["operations"]
    assert [e["curl"] for e in manifest["operations"]] == [e["curl"] for e in entries]

    models_only = tmp_path / "models"
    assert run_cli("generate", OCI, "--out", models_only, "--only", "models").returncode == 0
    assert (models_only / "oci_core" / "models.py").is_file()
    assert not (models_only / "snippets").exists()


def test_auth_oci_forces_the_signer(tmp_path: Path) -> None:
    """A collection that signs in a way postgen does not recognise gets OCI with --auth oci."""
    collection = tmp_path / "plain.postman_collection.json"
    item = {"name": "Get", "request": {"method": "GET", "url": "https://example.test/things"}}
    plain = {"info": {"name": "Plain", "schema": SCHEMA}, "item": [item]}
    collection.write_text(json.dumps(plain))
    default, forced = tmp_path / "default", tmp_path / "forced"
    assert run_cli("generate", collection, "--out", default).returncode == 0
    assert run_cli("generate", collection, "--out", forced, "--auth", "oci").returncode == 0
    assert _manifest(default)["operations"][0]["auth"] == "none"
    assert _manifest(forced)["operations"][0]["auth"] == "oci"
    assert "OciSigner.from_config" in (forced / "plain" / "_client.py").read_text()
    assert run_cli("check", collection, "--out", forced, "--auth", "oci").returncode == 0
    assert run_cli("check", collection, "--out", forced).returncode == 1


def _manifest(out: Path) -> Any:
    return json.loads((out / "postgen-manifest.json").read_text())


def test_credentials_in_headers_are_not_copied_into_snippets(tmp_path: Path) -> None:
    collection = tmp_path / "keys.postman_collection.json"
    headers = [
        {"key": "X-API-Key", "value": "sk_live_51abcdef"},
        {"key": "X-Trace", "value": "trace-1"},
    ]
    request = {
        "method": "GET",
        "url": "https://example.test/things?token=tok_98765",
        "header": headers,
    }
    keys = {
        "info": {"name": "Keys", "schema": SCHEMA},
        "item": [{"name": "Get", "request": request}],
    }
    collection.write_text(json.dumps(keys))
    out = tmp_path / "out"
    done = run_cli("generate", collection, "--out", out, "--only", "client", "--only", "python")
    assert done.returncode == 0, done.stderr
    assert "/item/0/request/header/0/value: warning: header 'X-API-Key'" in done.stderr
    assert "query 'token'" in done.stderr
    for path in out.rglob("*"):
        if path.is_file() and path.name != "postgen-manifest.json":  # it records the URL as written
            text = path.read_text()
            assert "sk_live_51abcdef" not in text and "tok_98765" not in text, path
    snippet = (out / "snippets" / "python" / "get.py").read_text()
    assert 'x_api_key="<X-API-Key>"' in snippet and 'x_trace="trace-1"' in snippet
