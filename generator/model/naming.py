"""Naming: collection text -> validated, unique Python identifiers, built once in the parser.

Request names, folder names, JSON keys and header names become one of three validated
``str`` subclasses (:class:`PyIdent`, :class:`ClassName`, :class:`ModuleName`). Templates
interpolate these as they are and never sanitise anything themselves.

The rules, in the order they apply:

1. **Words.** The text is folded to ASCII (NFKD, so ``Café`` -> ``Cafe``; a few Latin letters
   without a decomposition, such as ``ß`` and ``ø``, are spelled out). Characters with no ASCII
   form (CJK, emoji, symbols) act as word separators and are dropped. It is then split on
   non-alphanumerics and on camelCase/acronym boundaries (``getUserByID`` -> get/User/By/ID,
   ``HTTPServer`` -> HTTP/Server, ``sizeInGBs`` -> size/In/GBs). Digits stay with the word they
   touch (``OAuth2Token`` -> oauth2/token, ``2FA`` -> 2fa).
2. **Fallback.** If no word is left, the caller's fallback (e.g. ``"post /sso/login"``) is
   converted the same way; if that is empty too, ``operation`` / ``Operation`` is used.
3. **Leading digit.** A name that would start with a digit is prefixed with ``n`` (``2fa`` ->
   ``n2fa``) or ``N`` for class names (``N2fa``): a letter, not ``_``, so that the result never
   reads as private.
4. **Length.** Names are at most :data:`MAX_LENGTH` characters. A longer name is cut and ends in
   an 8-hex-digit SHA-256 of its *full* converted form, so long names sharing a prefix stay
   distinct and the result does not depend on ``PYTHONHASHSEED``.
5. **Escaping.** Keywords, soft keywords, builtins, the ambiguous ``l``, ``O`` and ``I``, and the
   caller's reserved names get a trailing underscore (``class`` -> ``class_``, ``id`` ->
   ``id_``). The keyword and builtin lists are fixed in this module rather than read from the
   running interpreter, so output is the same on every supported Python.
6. **Collisions** (:func:`unique`, :class:`Namer`). Siblings are named in order. The first to
   reach a name keeps it. Later ones get the lowest free counter from 2 upwards: ``get_user_2``,
   ``get_user_3`` (``GetUser2`` for classes). A counter never reuses a name already handed out,
   so a literal ``get_user_2`` that came first is respected. A name depends only on the siblings
   *before* it, so adding an item never renames the items before it:
   ``unique(a + b)[:len(a)] == unique(a)``. The price is that a literal ``get_user_2`` that
   comes *after* two ``get_user`` items becomes ``get_user_2_2``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, Final, Generic, Self, TypeVar

__all__ = [
    "MAX_LENGTH",
    "ClassName",
    "ModuleName",
    "Namer",
    "PyIdent",
    "claim",
    "class_name",
    "ident",
    "module_name",
    "pascal_case",
    "snake_case",
    "unique",
]

MAX_LENGTH: Final = 64
"""The longest name produced, escaping underscore included."""

_HASH_LENGTH: Final = 8

# Hard keywords are the same from 3.7 on; soft keywords grew ("type" arrived in 3.12), so
# both are spelled out to keep output identical across interpreters.
_KEYWORDS: Final = frozenset(
    "False None True and as assert async await break class continue def del elif else except "
    "finally for from global if import in is lambda nonlocal not or pass raise return try "
    "while with yield".split()
)
_SOFT_KEYWORDS: Final = frozenset({"_", "case", "match", "type"})

# The documented built-in functions, types, constants and exceptions. Left out on purpose:
# the site-added helpers (copyright, credits, exit, license, quit), which are not meant for
# programs, so a "license" key can stay `license`.
_BUILTINS: Final = frozenset(
    "abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr "
    "classmethod compile complex delattr dict dir divmod enumerate eval exec filter float "
    "format frozenset getattr globals hasattr hash help hex id input int isinstance "
    "issubclass iter len list locals map max memoryview min next object oct open ord pow "
    "print property range repr reversed round set setattr slice sorted staticmethod str sum "
    "super tuple type vars zip "
    "Ellipsis NotImplemented "
    "ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup "
    "BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError "
    "ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError "
    "DeprecationWarning EOFError EncodingWarning EnvironmentError Exception ExceptionGroup "
    "FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError "
    "ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError "
    "KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError "
    "NotADirectoryError NotImplementedError OSError OverflowError PendingDeprecationWarning "
    "PermissionError ProcessLookupError PythonFinalizationError RecursionError ReferenceError "
    "ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError "
    "SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError "
    "UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning "
    "UserWarning ValueError Warning ZeroDivisionError".split()
)
# Names pycodestyle calls ambiguous (E741-E743: l, O and I read as 1 and 0).
_AMBIGUOUS: Final = frozenset({"l", "O", "I"})
_FORBIDDEN: Final = _KEYWORDS | _SOFT_KEYWORDS | _BUILTINS | _AMBIGUOUS

# Latin letters that NFKD leaves alone; without this "Straße" would lose its "ß" entirely.
_TRANSLITERATION: Final = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ł": "l",
        "Ł": "L",
        "\u0131": "i",  # dotless i
    }
)

_WORD: Final = re.compile(
    r"""
      OAuth | GraphQL | IPv[46]   # spellings the camel-case rules below would split wrongly
    | [A-Z]{2,}s(?![a-z])         # plural acronym: GBs, IDs, URLs
    | [A-Z]+(?=[A-Z][a-z])        # acronym before a word: HTTP in HTTPServer
    | [A-Z]?[a-z]+                # word: get, User
    | [A-Z]+                      # acronym at the end: ID in getUserByID
    | [0-9]+
    """,
    re.VERBOSE,
)


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    """Split text into ASCII words; see rule 1 in the module docstring (cached: the same
    keys and names recur across thousands of example bodies)."""
    if text.isascii():  # nearly always: nothing to fold (the table maps no ASCII)
        ascii_text = text
    else:
        folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
        ascii_text = "".join(
            ch if ch.isascii() else " " for ch in folded if not unicodedata.combining(ch)
        )
    words: list[str] = []
    end = -1
    for match in _WORD.finditer(ascii_text):
        word = match.group()
        touching = match.start() == end
        end = match.end()
        # Digits join the word before them (v1, OAuth2) and take what follows unless that is a
        # new Capitalised word (2fa, 4XX, but Level2 / Cache).
        if touching and (word.isdigit() or (words[-1][-1].isdigit() and not _capitalised(word))):
            words[-1] += word
        else:
            words.append(word)
    return tuple(words)


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


@functools.lru_cache(maxsize=65536)
def snake_case(text: str) -> str:
    """``"getUserByID"`` -> ``"get_user_by_id"``; ASCII only, ``""`` when no word is left."""
    return "_".join(word.lower() for word in _words(text))


@functools.lru_cache(maxsize=65536)
def pascal_case(text: str) -> str:
    """``"get user by id"`` -> ``"GetUserById"``; ASCII only, ``""`` when no word is left."""
    return "".join(word[0].upper() + word[1:].lower() for word in _words(text))


@dataclass(frozen=True, slots=True)
class _Rules:
    """How one kind of name is spelled."""

    pattern: re.Pattern[str]
    convert: Callable[[str], str]
    default: str
    digit_prefix: str
    # "_" for snake names. Class names join with no separator unless two digits would run
    # together ("Oauth2" + "2" -> "Oauth2_2", not "Oauth22").
    separator: str

    def join(self, left: str, right: str) -> str:
        if self.separator or (left[-1].isdigit() and right[0].isdigit()):
            return f"{left}_{right}"
        return left + right


class _Name(str):
    """A ``str`` known to be a usable identifier of one kind; see the subclasses."""

    __slots__ = ()
    _rules: ClassVar[_Rules]

    def __new__(cls, value: str) -> Self:
        if not (
            value.isascii()
            and len(value) <= MAX_LENGTH
            and cls._rules.pattern.fullmatch(value)
            and value not in _FORBIDDEN
        ):
            raise ValueError(f"{value!r} is not a valid {cls.__name__}")
        return super().__new__(cls, value)


_SNAKE: Final = re.compile(r"[a-z][a-z0-9_]*")


class PyIdent(_Name):
    """A snake_case name for a function, parameter or field: not a keyword or builtin."""

    __slots__ = ()
    _rules = _Rules(_SNAKE, snake_case, "operation", "n", "_")


class ModuleName(_Name):
    """A snake_case module name (file stem): not a keyword or builtin."""

    __slots__ = ()
    _rules = _Rules(_SNAKE, snake_case, "operation", "n", "_")


class ClassName(_Name):
    """A PascalCase class name: not a keyword or builtin (``None_``, ``Exception_``)."""

    __slots__ = ()
    _rules = _Rules(re.compile(r"[A-Z][A-Za-z0-9_]*"), pascal_case, "Operation", "N", "")


N = TypeVar("N", bound=_Name)


def _stem(rules: _Rules, text: str, fallback: str) -> str:
    """Rules 1-3: the converted text, or fallback, or default, never starting with a digit."""
    stem = rules.convert(text) or rules.convert(fallback) or rules.default
    return rules.digit_prefix + stem if stem[0].isdigit() else stem


def _spell(rules: _Rules, stem: str, counter: int, reserved: Collection[str]) -> str:
    """Rules 4-5 for the ``counter``-th holder of ``stem`` (1 means no counter)."""
    count = str(counter)
    name = stem if counter == 1 else rules.join(stem, count)
    # One character is kept free for the escaping underscore.
    if len(name) > MAX_LENGTH - 1:
        digest = hashlib.sha256(stem.encode("ascii")).hexdigest()[:_HASH_LENGTH]
        # Room for the digest and the counter, each with a possible separator.
        room = MAX_LENGTH - 1 - _HASH_LENGTH - 1 - (0 if counter == 1 else len(count) + 1)
        name = rules.join(stem[:room].rstrip("_"), digest)
        if counter != 1:
            name = rules.join(name, count)
    while name in _FORBIDDEN or name in reserved:
        name += "_"
    return name


def _claim(rules: _Rules, stem: str, taken: Collection[str], reserved: Collection[str]) -> str:
    """Rule 6: the first spelling of ``stem`` that nobody before has."""
    counter = 1
    while (name := _spell(rules, stem, counter, reserved)) in taken:
        counter += 1
    return name


def ident(text: str, *, fallback: str, reserved: Collection[str] = frozenset()) -> PyIdent:
    """A snake_case identifier for ``text``; ``fallback`` is used when nothing is left of it."""
    rules = PyIdent._rules
    return PyIdent(_spell(rules, _stem(rules, text, fallback), 1, reserved))


def class_name(text: str, *, fallback: str, reserved: Collection[str] = frozenset()) -> ClassName:
    """A PascalCase class name for ``text``; ``fallback`` is used when nothing is left of it."""
    rules = ClassName._rules
    return ClassName(_spell(rules, _stem(rules, text, fallback), 1, reserved))


def module_name(text: str, *, fallback: str, reserved: Collection[str] = frozenset()) -> ModuleName:
    """A snake_case module name for ``text``; ``fallback`` is used when nothing is left of it."""
    rules = ModuleName._rules
    return ModuleName(_spell(rules, _stem(rules, text, fallback), 1, reserved))


def unique(
    texts: Sequence[str],
    kind: type[N],
    *,
    fallbacks: Sequence[str],
    reserved: Collection[str] = frozenset(),
) -> tuple[N, ...]:
    """Name siblings in order so that all names differ (rule 6 of the module docstring).

    ``kind`` is :class:`PyIdent`, :class:`ClassName` or :class:`ModuleName`; ``fallbacks`` has
    one entry per text (ValueError otherwise).
    """
    taken: set[str] = set()
    return tuple(
        claim(kind, text, fallback=fallback, taken=taken, reserved=reserved)
        for text, fallback in zip(texts, fallbacks, strict=True)
    )


def claim(
    kind: type[N], text: str, *, fallback: str, taken: set[str], reserved: Collection[str] = ()
) -> N:
    """The next sibling's name (rule 6), added to ``taken``: the names of one scope so far.

    The same name as :meth:`Namer.claim` gives; a set the scope owns keeps many claims
    linear, where each ``Namer`` copies the names before it."""
    rules = kind._rules
    name = _claim(rules, _stem(rules, text, fallback), taken, reserved)
    taken.add(name)
    return kind(name)


@dataclass(frozen=True, slots=True)
class Namer(Generic[N]):
    """Names handed out so far in one scope, for when siblings arrive one at a time.

    ``claim`` returns the name and a new ``Namer``; the old one is unchanged. Claiming texts one
    by one gives exactly what :func:`unique` gives for the whole list.
    """

    kind: type[N]
    reserved: frozenset[str] = frozenset()
    taken: frozenset[str] = frozenset()

    def claim(self, text: str, *, fallback: str) -> tuple[N, Namer[N]]:
        rules = self.kind._rules
        name = _claim(rules, _stem(rules, text, fallback), self.taken, self.reserved)
        return self.kind(name), replace(self, taken=self.taken | {name})
