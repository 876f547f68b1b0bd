"""File names fit for one line of text output: a name from an untrusted tree may hold newlines, ESC sequences
or bytes that are not UTF-8; shown raw, they forge report lines or drive the terminal."""
from __future__ import annotations

_ESCAPES = {i: f"\\x{i:02x}" for i in range(32)}
_ESCAPES.update({0x7f: "\\x7f", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", ord("\\"): "\\\\"})
for _c in range(0x80, 0xa0):          # C1 controls (CSI 0x9b starts an escape sequence on some terminals)
    _ESCAPES[_c] = f"\\x{_c:02x}"
for _c in (0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069):
    _ESCAPES[_c] = f"\\u{_c:04x}"     # line separators and bidi overrides (names that read backwards)
for _c in range(0xdc80, 0xdd00):      # bytes that were not UTF-8 (surrogateescape)
    _ESCAPES[_c] = f"\\x{_c - 0xdc00:02x}"


def shown(name: str) -> str:
    """`name` with control characters, bidi overrides and undecodable bytes written as escapes."""
    if name.isprintable() and "\\" not in name:
        return name
    return name.translate(_ESCAPES)


_CONTROLS_ONLY = {k: v for k, v in _ESCAPES.items() if k != ord("\\")}


def shown_text(text: str) -> str:
    """A message for one line of text output: control characters escaped, backslashes left as they are."""
    if text.isprintable():
        return text
    return text.translate(_CONTROLS_ONLY)
