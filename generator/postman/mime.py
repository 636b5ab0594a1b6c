"""The Content-Type Postman's runtime gives an uploaded file (form part or binary body)."""

from __future__ import annotations

import functools
import mimetypes
from pathlib import PurePosixPath

__all__ = ["file_type"]


@functools.cache
def _builtin() -> mimetypes.MimeTypes:
    """Python's built-in table (no system files: output must not depend on the machine).
    Made on first use: making it reads the system's tables too (~7 ms), for the module's
    global one, which most runs (no file uploads) never need."""
    return mimetypes.MimeTypes(filenames=())


# The few extensions where Python's table disagrees with the mime-db table Postman's
# runtime uses.
_MIME_DB_DIFFERENCES = {
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".xml": "application/xml",
    ".rtf": "application/rtf",
    ".wav": "audio/wave",
    ".gz": "application/gzip",
    ".md": "text/markdown",
    ".yaml": "text/yaml",
    ".yml": "text/yaml",
    ".webp": "image/webp",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".woff2": "font/woff2",
    ".ts": "video/mp2t",
    ".7z": "application/x-7z-compressed",
    ".py": "application/octet-stream",
    ".ogg": "audio/ogg",
    ".woff": "font/woff",
    ".jar": "application/java-archive",
    ".apk": "application/vnd.android.package-archive",
    ".exe": "application/x-msdos-program",
    ".dmg": "application/x-apple-diskimage",
    ".iso": "application/x-iso9660-image",
    ".log": "text/plain",
    ".ini": "text/plain",
    ".conf": "text/plain",
    ".toml": "application/toml",
    ".pem": "application/x-x509-ca-cert",
    ".crt": "application/x-x509-ca-cert",
    ".key": "application/vnd.apple.keynote",
    ".mkv": "video/x-matroska",
    ".flac": "audio/x-flac",
    ".aac": "audio/x-aac",
    ".m4a": "audio/mp4",
    ".msg": "application/vnd.ms-outlook",
    ".ics": "text/calendar",
    ".epub": "application/epub+zip",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".rar": "application/vnd.rar",
    ".bz2": "application/x-bzip2",
    ".xz": "application/x-xz",
    ".tgz": "application/octet-stream",
}


def file_type(path: str) -> str:
    """The Content-Type Postman gives an uploaded file: by extension, else octet-stream."""
    suffix = PurePosixPath(path.replace("\\", "/")).suffix.lower()
    return (
        _MIME_DB_DIFFERENCES.get(suffix)
        or _builtin().guess_type("x" + suffix)[0]
        or ("application/octet-stream")
    )
