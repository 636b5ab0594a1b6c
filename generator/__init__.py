"""postgen: Postman collections -> Python SDKs, curl snippets, models and docs."""

from generator.errors import CollectionError, PostgenError
from generator.pipeline import check, generate, load, parse
from generator.version import __version__

__all__ = ["CollectionError", "PostgenError", "__version__", "check", "generate", "load", "parse"]
