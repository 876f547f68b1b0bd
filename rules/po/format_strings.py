"""Whether a translation can be formatted with the arguments its source string takes.

The msgid's placeholders give dummy arguments; when the msgid formats with them and the msgstr does not, the
code that formats the translated string (`_("... %s") % x`, `_("{name}").format(...)`) raises at run time.
This is the test OCA's `oca-checks-po` documents for `po-python-parse-printf` / `po-python-parse-format`
(written here independently).
"""
from __future__ import annotations

import re
import string

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

# %% is a literal percent; otherwise % [(key)] [flags] [width] [.precision] [length] conversion
_PRINTF = re.compile(r"%(?:\((?P<key>\w+)\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?(?P<conv>[\w@])")


def _dummy_printf(text: str):
    positional, named = [], {}
    for m in _PRINTF.finditer(text.replace("%%", "")):
        value = "" if m.group("conv") == "s" else 0
        if m.group("key") is None:
            positional.append(value)
        else:
            named[m.group("key")] = value
    return tuple(positional) if positional else named


def printf_error(msgid: str, msgstr: str) -> Optional[str]:
    """repr of the error `msgstr % args` raises when `msgid % args` works, else None."""
    args = _dummy_printf(msgid)
    if not args:
        return None
    try:
        msgid % args
    except Exception:  # noqa: BLE001 - the source does not format itself: nothing to hold the translation to
        return None
    try:
        msgstr % args
    except Exception as exc:  # noqa: BLE001
        return repr(exc)
    return None


def _dummy_format(text: str):
    auto, highest, named = 0, -1, {}
    for line in text.splitlines():
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(line) if f is not None]
        except ValueError:
            continue                      # a line that is not a format string: skipped, as the hooks do
        for f in fields:
            head = re.split(r"[.\[]", f, maxsplit=1)[0]
            if head == "":
                auto += 1
            elif head.isdigit():
                highest = max(highest, int(head))
            else:
                named[head] = 0
    count = max(auto, highest + 1)
    return [0] * count, named


def format_error(msgid: str, msgstr: str) -> Optional[str]:
    """repr of the error `msgstr.format(...)` raises when `msgid.format(...)` works, else None."""
    args, kwargs = _dummy_format(msgid)
    if not args and not kwargs:
        return None
    try:
        msgid.format(*args, **kwargs)
    except Exception:  # noqa: BLE001
        return None
    try:
        msgstr.format(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001
        return repr(exc)
    return None
