"""Regular expressions compiled on first use, so that importing a module costs no `re.compile`.

A module that holds many patterns but needs them only for some files (suppression comments, classification by
content, version detection) declares them here; each is compiled the first time it is named and is then a plain
attribute (no look-up cost after that)::

    _RX = Patterns(NOQA=(r"#\\s*noqa", re.I), HEADER=rb"^\\[options\\]")
    _RX.NOQA.finditer(text)
"""
from __future__ import annotations

import re


class Patterns:
    def __init__(self, **sources):
        self._sources = sources     # name -> pattern, or (pattern, flags)

    def __getattr__(self, name: str) -> "re.Pattern":
        try:
            source = self.__dict__["_sources"][name]
        except KeyError:
            raise AttributeError(name) from None
        pattern, flags = source if isinstance(source, tuple) else (source, 0)
        compiled = re.compile(pattern, flags)
        setattr(self, name, compiled)
        return compiled
