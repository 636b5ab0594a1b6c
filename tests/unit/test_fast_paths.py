"""Fast paths of hot text functions agree with the plain versions they stand in for."""

from __future__ import annotations

import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.postman import url
from generator.render.literals import _one_line, _wrap

_WORDS = st.lists(st.text(alphabet='ab-c\\"é.x/', max_size=15), max_size=30)


@settings(max_examples=500)
@given(_WORDS, st.integers(1, 60))
def test_docstring_wrap_is_textwraps(words: list[str], width: int) -> None:
    text = _one_line(" ".join(words))
    expected = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    assert _wrap(text, width) == expected


_BYTE_SETS = [url._PATH, url._UNSENDABLE, url._QUERY, url._USERINFO]
_PRE_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")


def _reference(text: str, encode_set: frozenset[int]) -> str:
    """Postman's encoding written another way: ``%XX`` kept, and of the rest every UTF-8
    byte above 0x7F or in the set as ``%XX``."""
    return "".join(
        piece
        if _PRE_ENCODED.fullmatch(piece)
        else "".join(
            chr(byte) if byte < 0x80 and byte not in encode_set else f"%{byte:02X}"
            for byte in url.utf8(piece)
        )
        for piece in re.split(r"(%[0-9A-Fa-f]{2})", text)
    )


@settings(max_examples=500)
@given(
    st.text(alphabet=st.characters(max_codepoint=0x80) | st.sampled_from("%é€]^-"), max_size=20),
    st.sampled_from(_BYTE_SETS),
)
def test_percent_encoding_matches_a_reference(text: str, encode_set: frozenset[int]) -> None:
    assert url._percent_encode(text, encode_set) == _reference(text, encode_set)
