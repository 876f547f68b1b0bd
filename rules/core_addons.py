"""Odoo's own addons (Community and Enterprise) per series, from manifestoo-core's lists.

manifestoo-core ships one text file per series and edition (`core_addons/addons-<series>-<c|e>.txt`, an addon per
line, `#` comments). Its `get_core_addons` reads them through `importlib.resources`, whose import alone costs about
7 ms of a run's serial project phase; the files are read here straight from the package's folder, found without
importing it, and through manifestoo-core's own API when they are not on disk (an install from a zip)."""
from __future__ import annotations

import functools
import os


@functools.lru_cache(maxsize=16)
def core_addons(series: str) -> frozenset:
    """The core addons of `series` ("19.0"); empty for a series manifestoo-core does not know."""
    folder = _data_folder()
    if folder is not None:
        names: set[str] = set()
        try:
            for edition in ("c", "e"):
                with open(os.path.join(folder, f"addons-{series}-{edition}.txt"), encoding="utf-8") as fh:
                    names.update(a.strip() for a in fh if not a.startswith("#"))
            return frozenset(names)
        except OSError:
            pass
    try:
        from manifestoo_core.core_addons import get_core_addons
        from manifestoo_core.odoo_series import OdooSeries
        return frozenset(get_core_addons(OdooSeries(series)))
    except Exception:  # noqa: BLE001 - unknown series, missing data file, or manifestoo-core absent
        return frozenset()


@functools.lru_cache(maxsize=1)
def _data_folder():
    import importlib.util
    try:
        spec = importlib.util.find_spec("manifestoo_core")
    except (ImportError, ValueError):
        return None
    for base in (spec.submodule_search_locations or []) if spec is not None else []:
        folder = os.path.join(base, "core_addons")
        if os.path.isdir(folder):
            return folder
    return None
