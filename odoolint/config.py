"""Settings: `[tool.odoolint]` in pyproject.toml or `.odoolint.toml` (kebab-case keys), CLI on top."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Optional

from . import peer_options
from .model import OdooVersion, Record

DEFAULT_EXCLUDE = [".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist",
                   ".odoolint_cache"]


class ConfigError(Exception):
    """A bad configuration: reported as one line, exit code 2."""


# (field, default); a list or dict default is copied for each Settings
SETTINGS_FIELDS: tuple[tuple[str, Any], ...] = (
    ("select", None), ("extend_select", []), ("ignore", []), ("per_file_ignores", {}), ("exclude", DEFAULT_EXCLUDE),
    ("extend_exclude", []), ("force_exclude", False), ("respect_gitignore", True), ("odoo_version", None),
    ("addons_paths", []), ("fix", False), ("unsafe_fixes", False), ("output_format", "full"), ("jobs", None),
    ("cache_dir", None),
    ("options", {}),                      # rule-family options, e.g. {"odoo-conf": {...}}
    ("baseline", None),                   # a baseline file (relative to the project root)
    ("follow_external_symlinks", False),  # read files whose symlink leaves the project (OL004 otherwise)
    ("sarif_category", None),             # SARIF `automationDetails.id` (`--sarif-category`)
    ("config_path", None),
)


class Settings(Record):
    """The resolved settings of a run (written out, not a dataclass: every command imports it, see model.py)."""

    _fields = tuple(name for name, _ in SETTINGS_FIELDS)

    def __init__(self, **values):
        unknown = set(values) - set(self._fields)
        if unknown:
            raise TypeError(f"Settings() got unexpected keyword arguments {sorted(unknown)}")
        for name, default in SETTINGS_FIELDS:
            value = values[name] if name in values else \
                (list(default) if isinstance(default, list) else dict(default) if isinstance(default, dict)
                 else default)
            setattr(self, name, value)

    def replace(self, **changes) -> "Settings":
        """A copy with these fields changed (what `dataclasses.replace` gave)."""
        return Settings(**{**{f: getattr(self, f) for f in self._fields}, **changes})

    def all_excludes(self) -> list[str]:
        return list(self.exclude) + list(self.extend_exclude)

    def target(self) -> Optional[OdooVersion]:
        return OdooVersion.parse(self.odoo_version) if self.odoo_version else None

    def lint_hash(self, enabled: frozenset[str], target: Optional[OdooVersion]) -> str:
        """What changes the per-file result: enabled rules, target version, rule options."""
        blob = json.dumps({"enabled": sorted(enabled), "target": str(target) if target else None,
                           "options": self.options, "addons_paths": self.addons_paths}, sort_keys=True,
                          default=str)
        from .digests import sha256_hex
        return sha256_hex(blob.encode())[:16]


_LIST_KEYS = {"select", "extend_select", "ignore", "exclude", "extend_exclude", "addons_paths"}
_BOOL_KEYS = {"force_exclude", "respect_gitignore", "fix", "unsafe_fixes", "follow_external_symlinks"}
# rule-family options that rules read, with the type each must have (a wrong type is a configuration error,
# not a rule crash)
_OPTION_TYPES = {("odoo-conf", "extra-keys"): "a list of strings"}
_STR_KEYS = {"odoo_version", "output_format", "cache_dir", "baseline", "sarif_category"}


def _load_toml(path: Path) -> dict:
    """The file's TOML; the mapping parsed from the same bytes before is taken from the user's cache folder
    (configcache), so that a run with an unchanged configuration imports no TOML parser."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    from . import configcache
    where = os.path.abspath(path)
    known = configcache.load(where, raw)
    if known is not None:
        return known
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode())     # what tomllib.load does with the file's bytes
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    configcache.store(where, raw, data)
    return data


def find_config(root: Path) -> Optional[tuple[Path, dict]]:
    """`.odoolint.toml` wins over pyproject.toml; searched from `root` upwards."""
    for d in [root, *root.parents]:
        dot = d / ".odoolint.toml"
        if dot.is_file():
            return dot, _load_toml(dot)
        py = d / "pyproject.toml"
        if py.is_file():
            data = _load_toml(py)
            if "odoolint" in data.get("tool", {}):
                return py, data["tool"]["odoolint"]
    return None


def settings_from_mapping(data: dict, source: str) -> Settings:
    s = Settings()
    known = set(Settings._fields) - {"config_path"}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if raw_key in peer_options.OPTIONS:       # pylint-odoo's own option names, kebab-case
            try:
                s.options.setdefault(peer_options.FAMILY, {})[raw_key] = peer_options.validate(raw_key, value, source)
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
            continue
        if key == "compose_stacks":
            # which compose files `docker compose -f a -f b` merges into one project (besides COMPOSE_FILE in
            # `.env` and the automatic override file); relative to the configuration file
            if not (isinstance(value, list) and all(isinstance(g, list) and g and all(isinstance(f, str) for f in g)
                                                    for g in value)):
                raise ConfigError(f"{source}: 'compose-stacks' must be a list of lists of compose file paths")
            base = os.path.dirname(os.path.abspath(source))
            s.options["compose-stacks"] = [[os.path.normpath(os.path.join(base, f)) for f in g] for g in value]
            continue
        if key not in known:
            raise ConfigError(f"{source}: unknown option {raw_key!r}")
        if key in _LIST_KEYS:
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ConfigError(f"{source}: {raw_key!r} must be a list of strings")
        elif key in _BOOL_KEYS:
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: {raw_key!r} must be true or false")
        elif key in _STR_KEYS:
            if not isinstance(value, (str, float)) or (key == "odoo_version" and OdooVersion.parse(value) is None):
                raise ConfigError(f"{source}: {raw_key!r} must be a string like \"17.0\"" if key == "odoo_version"
                                  else f"{source}: {raw_key!r} must be a string")
            value = str(value)
        elif key == "jobs":
            if not isinstance(value, int) or value < 1:
                raise ConfigError(f"{source}: 'jobs' must be a positive integer")
        elif key == "per_file_ignores":
            if not isinstance(value, dict) or not all(
                    isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()):
                raise ConfigError(f"{source}: 'per-file-ignores' must map globs to lists of codes")
        elif key == "options":
            _check_options(value, source)
            value = {**value, **s.options}
            if "compose-stacks" in value and "compose-stacks" not in s.options:
                raise ConfigError(f"{source}: 'compose-stacks' is a top-level key, not an option table")
        setattr(s, key, value)
    s.config_path = source
    return s


def _check_options(value, source: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: 'options' must be a table")
    for family, table in value.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: 'options.{family}' must be a table")
        for key, v in table.items():
            want = _OPTION_TYPES.get((family, key))
            if want == "a list of strings" and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                raise ConfigError(f"{source}: 'options.{family}.{key}' must be {want}")


def load_settings(root: Path, config_file: Optional[Path] = None) -> Settings:
    settings = _load_settings(root, config_file)
    from .oca_hooks_config import apply   # `.oca_hooks.cfg` / OCA_HOOKS_* as selection
    apply(settings, root)
    return settings


def _load_settings(root: Path, config_file: Optional[Path] = None) -> Settings:
    if config_file is not None:
        data = _load_toml(config_file)
        if config_file.name == "pyproject.toml":
            data = data.get("tool", {}).get("odoolint", {})
        return settings_from_mapping(data, str(config_file))
    found = find_config(root)
    if found is None:
        return Settings()
    path, data = found
    return settings_from_mapping(data, str(path))


def to_dict(s: Settings) -> dict:
    """Every field, values deep-copied (what `dataclasses.asdict` gave)."""
    import copy     # here: copy imports weakref, which a run does not otherwise need
    return {f: copy.deepcopy(getattr(s, f)) for f in s._fields}
