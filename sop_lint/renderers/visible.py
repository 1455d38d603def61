"""Text of an SOP as a page may show it: control characters (a NUL, an escape, a
vertical tab in an activity) become their visible U+2400 Control Pictures, as the
text report shows them, and Unicode noncharacters U+FFFD. Neither HTML5 nor Word's
XML admits them, and a signed page should show that something odd is there."""

from __future__ import annotations

import re

_NONCHARACTERS = [*range(0xFDD0, 0xFDF0), *(plane * 0x10000 + end for plane in range(17) for end in (0xFFFE, 0xFFFF))]
VISIBLE = (
    {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
    | {0x7F: 0x2421}
    | {c: 0xFFFD for c in range(0x80, 0xA0)}
    | dict.fromkeys(_NONCHARACTERS, 0xFFFD)
)
_ODD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(VISIBLE)) + "]").search


def visible(text: str) -> str:
    return text.translate(VISIBLE) if _ODD(text) else text
