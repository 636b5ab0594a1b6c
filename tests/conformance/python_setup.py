"""What a generated SDK needs from its environment to run a usage snippet, read from its code.

A snippet calls ``Client()`` with no arguments, so the client takes its base URL and its
credentials from environment variables (see ``<package>/_client.py``).  This module reads,
without importing it, which variables those are (``BASE_URL_VARIABLES`` fill the
``{{variables}}`` of ``DEFAULT_BASE_URL``; ``default_auth`` reads the credentials) and gives
them the values newman uses: the collection's variables and our environment for the base URL,
the collection's own credentials for the auth (an OCI config with a fresh key for OCI, which no
Postman collection carries). A collection whose requests use several auth schemes gets a
``default_auth`` that returns an ``AuthByScheme`` of one ``_default_<scheme>()`` per scheme;
each is read on its own.  Nothing else is set: region and profile variables stay unset, so
the client's own defaults are what gets compared.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .collection_facts import Leaf, auth_param, effective_auth, resolve

__all__ = [
    "AUTH_CLASSES",
    "AuthFacts",
    "ConfiguredAuth",
    "PackageFacts",
    "configure_auth",
    "package_facts",
]

#: The signer classes ``default_auth`` may build, and the Postman auth types each implements.
AUTH_CLASSES: dict[str, frozenset[str]] = {
    "Basic": frozenset({"basic"}),
    "Bearer": frozenset({"bearer"}),
    "OAuth2": frozenset({"oauth2"}),
    "ApiKey": frozenset({"apikey"}),
    "Digest": frozenset({"digest"}),
    "OAuth1": frozenset({"oauth1"}),
    "Hawk": frozenset({"hawk"}),
    "AwsSigV4": frozenset({"awsv4"}),
    "OciSigner": frozenset({"oci"}),
    "AuthHook": frozenset(),
}

#: Credential variables by name ending (first match wins), and the Postman auth parameter
#: each one carries, per auth type.
_SUFFIXES: tuple[tuple[str, Mapping[str, str]], ...] = (
    ("_ACCESS_TOKEN", {"oauth2": "accessToken"}),
    ("_TOKEN_SECRET", {"oauth1": "tokenSecret"}),
    ("_CONSUMER_KEY", {"oauth1": "consumerKey"}),
    ("_CONSUMER_SECRET", {"oauth1": "consumerSecret"}),
    ("_HAWK_ID", {"hawk": "authId"}),
    ("_HAWK_KEY", {"hawk": "authKey"}),
    ("_USERNAME", {"basic": "username", "digest": "username"}),
    ("_PASSWORD", {"basic": "password", "digest": "password"}),
    ("_API_KEY", {"apikey": "value"}),
    ("_TOKEN", {"bearer": "token", "oauth1": "token"}),
)
_EXACT: dict[str, tuple[str, str]] = {
    "AWS_ACCESS_KEY_ID": ("awsv4", "accessKey"),
    "AWS_SECRET_ACCESS_KEY": ("awsv4", "secretKey"),
    "AWS_SESSION_TOKEN": ("awsv4", "sessionToken"),
}
#: Read by default_auth but left unset on purpose: the client's defaults are under test.
_LEFT_UNSET = frozenset({"AWS_REGION", "AWS_DEFAULT_REGION", "OCI_CLI_PROFILE"})
_OCI_CONFIG = "OCI_CONFIG_FILE"


@dataclass(frozen=True, slots=True)
class AuthFacts:
    """One signer ``default_auth`` builds: its class and the env vars it reads, in order."""

    auth_class: str
    env: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PackageFacts:
    """What ``<package>/_client.py`` says about its configuration."""

    package: str
    base_url_env: str | None
    default_base_url: str | None
    base_url_variables: Mapping[str, str]  # {{variable}} -> env var
    auths: tuple[AuthFacts, ...]  # the signers default_auth builds (none: it returns None)


def _literal(node: ast.expr | None) -> Any:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError):
        return None


def _env_name(call: ast.Call) -> str | None:
    """``NAME`` of ``os.environ.get("NAME", ...)``."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "environ"
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ):
        return call.args[0].value
    return None


def _auth_facts(function: ast.FunctionDef) -> AuthFacts | None:
    """The signer class a default_auth function builds and the env vars it reads."""
    auth_class: str | None = None
    env: list[str] = []
    for inner in ast.walk(function):
        if not isinstance(inner, ast.Call):
            continue
        if (name := _env_name(inner)) is not None and name not in env:
            env.append(name)
        func = inner.func
        if isinstance(func, ast.Attribute):  # OciSigner.from_config(...)
            func = func.value
        if isinstance(func, ast.Name) and func.id in AUTH_CLASSES:
            auth_class = auth_class or func.id
    return None if auth_class is None else AuthFacts(auth_class, tuple(env))


def package_facts(out_dir: Path, package: str) -> PackageFacts:
    """Read ``out_dir/package/_client.py`` (raises OSError/SyntaxError if it is unreadable)."""
    tree = ast.parse((out_dir / package / "_client.py").read_text(encoding="utf-8"))
    constants: dict[str, Any] = {}
    functions: dict[str, ast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = _literal(node.value)
        elif isinstance(node, ast.FunctionDef):
            functions[node.name] = node
    auths: list[AuthFacts] = []
    default = functions.get("default_auth")
    if default is not None:
        # AuthByScheme(basic=_default_basic(), ...): each scheme's own function
        called = [
            inner.func.id
            for inner in ast.walk(default)
            if isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Name)
            and inner.func.id in functions
        ]
        for function in [functions[name] for name in called] or [default]:
            if (facts := _auth_facts(function)) is not None:
                auths.append(facts)
    variables = constants.get("BASE_URL_VARIABLES")
    return PackageFacts(
        package=package,
        base_url_env=constants.get("BASE_URL_ENV"),
        default_base_url=constants.get("DEFAULT_BASE_URL"),
        base_url_variables=dict(variables) if isinstance(variables, dict) else {},
        auths=tuple(auths),
    )


@dataclass(slots=True)
class ConfiguredAuth:
    """The credentials a snippet runs with, and what the client's auth was configured as.

    A user configures the credentials of the request they send: each request whose auth the
    client's signer implements gets its own (``per_item``); the others run with the first such
    request's (``env``), so that what the client then sends is still seen.
    """

    env: dict[str, str] = field(default_factory=dict)
    per_item: dict[str, dict[str, str]] = field(default_factory=dict)  # pointer -> env
    #: Postman auth types the configured signer implements (empty: no signer configured)
    types: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)

    def env_for(self, pointer: str) -> dict[str, str]:
        return self.per_item.get(pointer, self.env)


def _oci_config(directory: Path) -> Path:
    """An OCI config whose DEFAULT profile holds a fresh RSA key (made once per directory)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "config"
    if config.is_file():
        return config
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = directory / "key.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    config.write_text(
        "[DEFAULT]\n"
        "user=ocid1.user.oc1..postgenconformance\n"
        "tenancy=ocid1.tenancy.oc1..postgenconformance\n"
        "fingerprint=00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff\n"
        f"key_file={key_file}\n"
        "region=us-ashburn-1\n"
    )
    return config


def _param_for(name: str, auth_type: str) -> str | None:
    if name in _EXACT:
        kind, param = _EXACT[name]
        return param if kind == auth_type else None
    for suffix, params in _SUFFIXES:
        if name.endswith(suffix):
            return params.get(auth_type)
    return None


def _credentials(
    facts: AuthFacts,
    kind: str,
    block: Mapping[str, Any] | None,
    variables: Mapping[str, str],
    scratch: Path,
    notes: list[str],
) -> dict[str, str]:
    env: dict[str, str] = {}
    for name in facts.env:
        if name in _LEFT_UNSET:
            continue
        if name == _OCI_CONFIG:
            env[name] = str(_oci_config(scratch / "oci"))
            continue
        param = _param_for(name, kind)
        value = auth_param(block, param) if block is not None and param is not None else None
        if value is None:
            notes.append(f"default_auth reads {name}, which no {kind} parameter fills: left unset")
            continue
        text = value if isinstance(value, str) else str(value).lower()
        env[name] = resolve(text, variables)
    return env


def configure_auth(
    facts: PackageFacts,
    leaf_list: Sequence[Leaf],
    schemes: Mapping[str, str],
    variables: Mapping[str, str],
    scratch: Path,
) -> ConfiguredAuth:
    """Give ``default_auth``'s variables each request's own credentials where one of its
    signers implements the request's auth (``schemes``: the SDK's scheme per pointer, from the
    manifest, which is how OCI signing is recognised), else the first such request's."""
    result = ConfiguredAuth()
    signers = [(f, AUTH_CLASSES.get(f.auth_class, frozenset())) for f in facts.auths]
    signers = [(f, implemented) for f, implemented in signers if implemented]
    if not signers:
        return result
    implemented_all = frozenset().union(*(implemented for _, implemented in signers))
    first: str | None = None
    for leaf in leaf_list:
        if "oci" in implemented_all and schemes.get(leaf.pointer) == "oci":
            kind, block = "oci", None
        else:
            block = effective_auth(leaf)
            kind = str(block.get("type")) if block is not None else ""
        signer = next((f for f, implemented in signers if kind in implemented), None)
        if signer is None:
            continue
        notes: list[str] = []
        env = _credentials(signer, kind, block, variables, scratch, notes)
        result.per_item[leaf.pointer] = env
        if first is None:
            first, result.env = kind, env
            result.notes += notes
    if first is None:
        classes = ", ".join(f.auth_class for f, _ in signers)
        result.notes.append(
            f"default_auth builds {classes}, but no request of the collection uses "
            "that auth: left unconfigured"
        )
        return result
    result.types = implemented_all
    return result
