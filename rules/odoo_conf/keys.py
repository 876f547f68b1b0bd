"""odoo.conf keys: unknown keys (typos, CLI spellings, obsolete keys, keys of another version) and renamed keys.

The valid keys come from odoolint/data/odoo_conf_options.json (generated from odoo/tools/config.py 16.0-19.0);
the renames below are the version-step table read by the generic renamed-key rule (Odoo 20 means new rows).
"""
from __future__ import annotations

import difflib

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Finding, Fix, OdooVersion
from odoolint.registry import rule

from . import common

# old key -> (new key, {series major: status}); a series that is absent treats the old key as unknown.
#   mapped     Odoo renames the key while loading the file, silently (16-18 `load` outdated_options_map)
#   alias      a deprecated alias: the value is copied to the new key (with a DeprecationWarning) when the new
#              key keeps its default; both set to different values stops the server (17/18
#              `_warn_deprecated_options`, 19 `aliases`)
#   override   16.0 `_parse_config`, 17.0 `_warn_deprecated_options`: a non-zero longpolling_port REPLACES
#              gevent_port, even if set (one Feb-2023 16.0 build, alfarisye/odoo_16@1be6a65, stored it under the
#              dest `gevent-port` instead and ignored the file key; the later 16.0 builds read do not)
#   ignored    stored and never read
#   inverted   19 `_load_file_options`: without_demo is read as with_demo = not value
#   valid      still the key that Odoo reads at this version (only listed to know when it became an alias)
RENAMES: dict[str, tuple[str, dict[int, str]]] = {
    "xmlrpc_port": ("http_port", {16: "mapped", 17: "mapped", 18: "mapped", 19: "ignored"}),
    "xmlrpc_interface": ("http_interface", {16: "mapped", 17: "mapped", 18: "mapped", 19: "ignored"}),
    "xmlrpc": ("http_enable", {16: "mapped", 17: "mapped", 18: "mapped", 19: "ignored"}),
    "longpolling_port": ("gevent_port", {16: "override", 17: "override", 18: "ignored", 19: "ignored"}),
    "geoip_database": ("geoip_city_db", {16: "valid", 17: "alias", 18: "alias", 19: "ignored"}),
    "osv_memory_age_limit": ("transient_age_limit", {16: "alias", 17: "alias", 18: "alias", 19: "ignored"}),
    "without_demo": ("with_demo", {16: "valid", 17: "valid", 18: "valid", 19: "inverted"}),
    "import_image_maxbytes": ("import_file_maxbytes", {16: "valid", 17: "valid", 18: "valid", 19: "alias"}),
    "import_image_timeout": ("import_file_timeout", {16: "valid", 17: "valid", 18: "valid", 19: "alias"}),
    "import_image_regex": ("import_url_regex", {16: "valid", 17: "valid", 18: "valid", 19: "alias"}),
}

# Old keys that are THE key before the table's first series: 15.0 and earlier read `longpolling_port`
# (`--longpolling-port`; `gevent_port` appeared in 16.0). With no target version nothing can be said about them,
# and no fix may write the new key.
VALID_BEFORE_TABLE = frozenset({"longpolling_port"})

# Keys that are not config.py options in 16.0-18.0 but that core code reads with `config.get(...)`; 19.0 turned
# them into FileOnlyOption entries: odoo/tools/misc.py `find_in_path` (bin_path), mail `_auto_install_apps`
# (default_productivity_apps), hw/iot `_is_access_token_valid` (proxy_access_token).
READ_BY_CODE_LE18 = frozenset({"bin_path", "default_productivity_apps", "proxy_access_token"})

# Options that later builds of a series added after the copy the data table was generated from:
# `--limit-time-worker-cron` is in 17.0 `_parse_config` (filesdna/filesdna17-setup@7b7b9b1); the 18.0 table
# (AhmedElarabyy/odoo-18@c7678f8) and 19.0 have it as an option.
LATER_BUILDS = {17: frozenset({"limit_time_worker_cron"})}

# Keys that widely used server-wide addons read from [options] with `config.get(...)`: OCA server-tools `sentry`
# (sentry/hooks.py and const.py read every `sentry_<name>` key). A prefix listed here is an addon's, not a typo.
ADDON_KEY_PREFIXES = ("sentry_",)

# Keys with a dedicated rule that explains them better (dev_mode: odoo-conf-dev-mode).
DEDICATED = frozenset({"dev_mode"})

# Options of older series that `odoo --save` wrote into every file it generated: the 11.0-era odoo/tools/config.py
# (odoo/odoo@00516f2) testing group `--test-report-directory`, `--test-commit`; absent from 16.0-19.0.
HISTORICAL = frozenset({"test_commit", "test_report_directory"})

# Values that `odoo --save` writes for an option left at its default (config.py `save`: str(value) of False,
# None, the `demo` dict, the `translate_modules` list). An obsolete or command-line-only key holding one of them
# changes nothing when Odoo ignores it: the line is dead, not wrong, and no default rule reports it.
SAVED_DEFAULTS = frozenset({"", "False", "false", "None", "{}", "[]", "['all']"})


def saved_default(value: str, spec: Optional[dict] = None) -> bool:
    v = (value or "").strip()
    if v in SAVED_DEFAULTS:
        return True
    default = (spec or {}).get("default")
    return default is not None and not isinstance(default, bool) and v == str(default)


# Spellings that are not keys but whose meaning is certain.
# (the CLI flags --db-filter, --dev, --database, --load and --smtp store into these keys)
ALIASES = {"db_filter": "dbfilter", "dev": "dev_mode", "database": "db_name", "load": "server_wide_modules",
           "smtp": "smtp_server"}


def _delete_line_fix(ctx, opt, message: str) -> Fix:
    start = ctx.index.line_start(opt.line)
    last = opt.end_line or opt.line
    end = ctx.index.line_start(last + 1) if last < ctx.index.line_count else len(ctx.source)
    return Fix((ctx.edit(start, end, ""),), Applicability.UNSAFE, message)


def _rename_fix(ctx, opt, new: str, applicability=Applicability.SAFE) -> Fix:
    return Fix((ctx.edit(opt.key_start, opt.key_end, new),), applicability, f"Rename `{opt.raw_key}` to `{new}`")


def _key_span(ctx, opt):
    return ctx.span(opt.key_start, opt.key_end)


def _known_keys(target: Optional[OdooVersion]) -> tuple[set[str], bool]:
    table = common.table_for(target)
    if table is not None:
        keys = common.file_keys(table)
        if target.major <= 18:
            keys |= READ_BY_CODE_LE18
        keys |= LATER_BUILDS.get(target.major, frozenset())
        return keys, True
    return common.union_keys() | READ_BY_CODE_LE18, False


def _cli_only_everywhere(key: str) -> bool:
    data = common.conf_data() or {}
    specs = [data[v]["options"][key] for v in common.VERSIONS if key in data.get(v, {}).get("options", {})]
    return bool(specs) and not any(s.get("file_loadable", True) for s in specs)


def _unused_effect(target: Optional[OdooVersion]) -> str:
    if common.is_19(target):
        return ("Odoo 19 logs \"unknown option ... stored as-is\" and never reads it")
    if common.is_le18(target):
        return f"Odoo {target} stores it silently and never reads it"
    return "Odoo stores it and never reads it (16-18 silently, 19 with an \"unknown option\" warning)"


@rule("CNF101", "odoo-conf-unknown-key", summary="Key that the target Odoo version does not read from odoo.conf",
      kinds=["odoo-conf"], severity="warning", fix="safe", tags=["deploy", "correctness"],
      what="Reports a key of the `[options]` section that the target Odoo version does not load from the file: "
           "typos (with a did-you-mean), CLI spellings (`db_filter`, `db-host`, `dev`), obsolete keys copied from "
           "old samples (`xmlrpcs*`, `debug_mode`, `logrotate`, `demo`, ...), keys that only exist in a later or "
           "earlier series (`db_replica_host` on 17.0) and CLI-only options that 19.0 refuses from the file. "
           "Without a target version, a key is unknown only if no series 16.0-19.0 has it, and the message says so. "
           "Keys your own addons read with `config.get()` can be declared in "
           "`[tool.odoolint.options.odoo-conf] extra-keys = [...]`.",
      why="Odoo 16-18 `load` copies every key into `config.options` and only the keys that the code reads matter; "
          "19 `_load_file_options` warns \"unknown option ... stored as-is\". Either way the setting does nothing: a "
          "misspelt `db_filter` means no database filter at all.",
      before="[options]\ndb_filter = ^prod$\ndb-host = db\n", after="[options]\ndbfilter = ^prod$\ndb_host = db\n",
      source="odoo/tools/config.py: 16.0/17.0/18.0 `load` (every key stored) and `_parse_config` (only known keys "
             "used); 19.0 `_load_file_options` (\"unknown option ... stored as-is\", `file_loadable`); key tables "
             "in odoolint/data/odoo_conf_options.json")
def unknown_key(ctx):
    opts = common.options(ctx)
    if not opts or common.conf_data() is None:
        return
    target = ctx.target
    known, exact = _known_keys(target)
    extra = {str(k).lower() for k in (ctx.option("odoo-conf", "extra-keys", []) or [])}
    obsolete = common.obsolete_keys() | HISTORICAL
    table = common.table_for(target)
    all_opts = table.get("options", {}) if table else {}
    present = set(opts)
    for key, opt in opts.items():
        if key in known or key in extra or key in RENAMES or key in DEDICATED or key.startswith(ADDON_KEY_PREFIXES):
            continue
        effect = _unused_effect(target)
        span = _key_span(ctx, opt)
        vlabel = common.vlabel(target)
        # a CLI spelling (hyphens, --db-filter, --dev, ...) whose meaning is certain
        underscored = key.replace("-", "_")
        candidate = ALIASES.get(underscored, underscored if underscored != key else None)
        if candidate and candidate not in known and candidate in all_opts and exact:
            yield Finding(span, f"`{key}` (the `{candidate}` option) is not read from the file by {vlabel}: it only "
                                f"comes from the command line; delete the line",
                          fix=_delete_line_fix(ctx, opt, f"Delete the `{key}` line"))
            continue
        if candidate and candidate in known:
            if candidate in present:
                yield Finding(span, f"`{key}` is not an odoo.conf key ({effect}); `{candidate}` is already set, "
                                    f"so delete this line",
                              fix=_delete_line_fix(ctx, opt, f"Delete the `{key}` line"))
            else:
                yield Finding(span, f"`{key}` is not an odoo.conf key, {effect}: rename it to `{candidate}`",
                              fix=_rename_fix(ctx, opt, candidate))
            continue
        if key in obsolete and saved_default(opt.value):
            continue        # `odoo --save` output: a dead line at its default value
        if key in obsolete:
            yield Finding(span, f"`{key}` is an obsolete option that no Odoo 16-19 reads: {effect}; delete it",
                          fix=_delete_line_fix(ctx, opt, f"Delete the obsolete `{key}` line"))
            continue
        if exact:
            spec = all_opts.get(key)
            if isinstance(spec, dict) and not spec.get("file_loadable", True):
                if saved_default(opt.value, spec):
                    continue
                yield Finding(span, f"{vlabel} does not load `{key}` from the config file (it is a command-line "
                                    f"option only), so this line is ignored: pass it on the command line or delete it")
                continue
            elsewhere = common.versions_with_key(key)
            if elsewhere:
                later = [v for v in elsewhere if OdooVersion.parse(v) > target]
                if later:
                    msg = (f"`{key}` only exists from Odoo {later[0]}; {effect}"
                           if len(later) == len(elsewhere) else
                           f"`{key}` is not read by {vlabel} (it exists in Odoo {', '.join(elsewhere)}); {effect}")
                else:
                    msg = (f"`{key}` was removed after Odoo {elsewhere[-1]}; {effect}: delete it")
                yield Finding(span, msg)
                continue
        elif _cli_only_everywhere(key):
            if saved_default(opt.value, common.option_spec(key, None)):
                continue
            yield Finding(span, f"`{key}` is a command-line option that no Odoo 16-19 loads from the config file, "
                                f"so this line is ignored: pass it on the command line or delete it")
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.8)
        scope = "" if exact else " in any of Odoo 16-19 (no target version given; set --odoo-version for an exact check)"
        if close and close[0] not in present:
            yield Finding(span, f"unknown key `{key}`{scope}, {effect}: did you mean `{close[0]}`?",
                          fix=_rename_fix(ctx, opt, close[0], Applicability.UNSAFE))
        else:
            yield Finding(span, f"unknown key `{key}`{scope}, {effect}")


_WORDS = {"mapped": "renamed on load", "alias": "a deprecated alias", "override": "overrides {new}",
          "ignored": "ignored", "inverted": "read inverted as {new}", "valid": "still read"}


def _summary(key: str) -> str:
    new, statuses = RENAMES[key]
    parts, prev, start, last = [], None, None, None
    for major in sorted(statuses):
        st = statuses[major]
        if st != prev:
            if prev is not None:
                parts.append((start, last, prev))
            prev, start = st, major
        last = major
    parts.append((start, last, prev))
    return ", ".join((f"{a}.0" if a == b else f"{a}-{b}") + ": " + _WORDS[st].format(new=new) for a, b, st in parts)


def _without_demo_fix(ctx, opt, present) -> Fix | None:
    """19 `_check_without_demo`: with_demo = not bool(value); an invalid boolean means with_demo = (value == 'None')."""
    if "with_demo" in present:
        return None
    try:
        with_demo = not common.bool_19(opt.value) if opt.value != "None" else True
    except ValueError:
        with_demo = False
    return Fix((ctx.edit(opt.key_start, opt.key_end, "with_demo"),
                ctx.edit(opt.value_start, opt.value_end, str(with_demo))), Applicability.SAFE,
               f"Replace with `with_demo = {with_demo}`")


def _renamed(ctx):
    """(breaks, Finding) for every old key name: breaks = the setting does not take effect on the target."""
    opts = common.options(ctx)
    if not opts:
        return
    target = ctx.target
    label = common.vlabel(target)
    for key, opt in opts.items():
        if key not in RENAMES:
            continue
        new, statuses = RENAMES[key]
        if target is not None and target.major < min(statuses):
            continue        # before the first series of the table the old key is the key (15.0: longpolling_port)
        if target is None and key in VALID_BEFORE_TABLE:
            continue
        status = "unknown-target" if target is None else statuses.get(min(target.major, 19))
        if status in (None, "valid"):
            continue
        if status == "unknown-target" and "ignored" not in statuses.values():
            continue        # every series still honours the old key (e.g. without_demo, import_image_*)
        span = _key_span(ctx, opt)
        if new in opts:
            remedy = f"`{new}` is also set: delete this line"
            fix = _delete_line_fix(ctx, opt, f"Delete the `{key}` line")
        else:
            remedy = f"rename it to `{new}`"
            fix = _rename_fix(ctx, opt, new)
        breaks = False
        if status == "mapped":
            msg = f"`{key}` is the old name of `{new}`: {label} still maps it, Odoo 19 ignores it; {remedy}"
        elif status == "ignored":
            spec = common.option_spec(new, target) or {}
            breaks = not saved_default(opt.value, spec)
            msg = f"{label} ignores `{key}` (renamed `{new}`), so `{new}` keeps its default; {remedy}"
        elif status == "override":
            other = opts.get(new)
            breaks = (not saved_default(opt.value) and opt.value.strip() != "0" and other is not None
                      and other.value.strip() != opt.value.strip())
            msg = (f"`{key}` is a deprecated alias in {label}: a non-zero value replaces `{new}` at startup, and "
                   f"Odoo 18+ ignore it; {remedy}")
        elif status == "alias":
            other = opts.get(new)
            breaks = (not saved_default(opt.value) and other is not None and not saved_default(other.value)
                      and other.value.strip() != opt.value.strip())
            early = " (early 17.0 builds ignore it)" if target.major == 17 else ""
            msg = (f"`{key}` is a deprecated alias of `{new}` in {label}{early}: startup stops if both are set to "
                   f"different values; {remedy}")
        elif status == "inverted":
            fix = _without_demo_fix(ctx, opt, opts)
            msg = (f"Odoo 19 reads `{key}` inverted into `{new}` (a module list such as `all` is an invalid boolean "
                   f"there and only logs a warning); write `{new}` instead")
        else:   # unknown target: say what each series does; rename only if every series reads the new key
            everywhere = common.versions_with_key(new) == list(common.VERSIONS)
            if not everywhere and new not in opts:
                first = common.versions_with_key(new)[:1] or ["?"]
                remedy = f"rename it to `{new}` once you run Odoo {first[0]} or later"
                if "inverted" in statuses.values():
                    remedy = f"on Odoo {first[0]} write `{new}` with the opposite value instead"
                fix = None
            msg = f"`{key}` is the old name of `{new}` ({_summary(key)}); {remedy}"
        yield breaks, Finding(span, msg, fix=fix)


@rule("CNF102", "odoo-conf-renamed-key", summary="Old name of an odoo.conf key that the target Odoo ignores, or that conflicts with the new key",
      kinds=["odoo-conf"], severity="warning", fix="safe", tags=["deploy", "migration"],
      what="Reports an old key name whose setting does not take effect on the target version: a key the target "
           "ignores (`xmlrpc_port` on 19.0, `longpolling_port` on 18+, `geoip_database` and "
           "`osv_memory_age_limit` on 19.0) holding a value that differs from the new key's default, and a "
           "deprecated alias set beside its new key to another value (17/18: startup stops; 16.0/17.0 "
           "`longpolling_port` replaces `gevent_port`). Old names that the target still reads, and any old name "
           "when no target is known, are odoo-conf-deprecated-key (opt-in). The renames: `xmlrpc_port`/`xmlrpc_interface`/`xmlrpc` (mapped by 16-18, "
           "ignored by 19), `longpolling_port` (overrides `gevent_port` in 16.0 and 17.0, ignored by 18+; before "
           "16.0 it is the key itself and nothing is reported), "
           "`geoip_database` and `osv_memory_age_limit` (deprecated aliases in 17/18, ignored by 19), "
           "`without_demo` (read inverted into `with_demo` by 19) and `import_image_*` (aliases of "
           "`import_file_*`/`import_url_regex` in 19). The fix renames the key in place when the new key is not "
           "already set (for `without_demo` on 19 it writes the equivalent `with_demo` value).",
      why="An ignored key leaves the default in place (gevent on 8072 while the proxy routes /websocket elsewhere, "
          "http on 8069); a deprecated alias stops the server when the new key is also set to another value.",
      before="[options]\nlongpolling_port = 8074\n", after="[options]\ngevent_port = 8074\n",
      source="odoo/tools/config.py: 16.0 (Martel-IT/odoo-16-core@ea87592, NguyenDanhBinhGiang/odoo-16-e@09ac459) "
             "`--longpolling-port` dest `longpolling_port`, copied over gevent_port in `_parse_config`, and `load` "
             "outdated_options_map; 17.0 `_warn_deprecated_options` (longpolling_port copied over gevent_port; "
             "geoip_database/osv_memory_age_limit aliases, filesdna17-setup@7b7b9b1); 18.0 same without "
             "longpolling_port; 19.0 `aliases`, `_load_file_options` (without_demo -> with_demo, no xmlrpc mapping)")
def renamed_key(ctx):
    for breaks, finding in _renamed(ctx):
        if breaks:
            yield finding


@rule("CNF122", "odoo-conf-deprecated-key", summary="Old name of an odoo.conf key that the target still reads",
      kinds=["odoo-conf"], severity="info", fix="safe", tags=["deploy", "migration", "hardening"],
      default_enabled=False,
      what="Reports the old key names of odoo-conf-renamed-key that do not break anything as they stand: a name "
           "the target still maps or aliases (`xmlrpc_port` on 16-18, `geoip_database` on 17/18), `without_demo` "
           "on 19.0 (read inverted, same meaning), an ignored old key holding its default (`osv_memory_age_limit "
           "= False`, `xmlrpc_port = 8069` on 19.0), and any old name when no target version is known. Off by "
           "default (upgrade readiness: nothing fails today); `--extend-select deploy-hardening` turns it on. The "
           "fix is the same version-correct rename as odoo-conf-renamed-key: it never writes a key the target "
           "does not have.",
      why="The old names stop working on a later series (19.0 drops the xmlrpc mapping and the aliases), and a "
          "file written once with the new names survives the upgrade unchanged.",
      before="[options]\nxmlrpc_port = 8069\n", after="[options]\nhttp_port = 8069\n",
      source="odoo/tools/config.py: 16.0-18.0 `load` outdated_options_map (xmlrpc_* renamed on load); 17.0/18.0 "
             "`_warn_deprecated_options` (geoip_database, osv_memory_age_limit: copied when truthy); 19.0 "
             "`aliases` and `_load_file_options`")
def deprecated_key(ctx):
    for breaks, finding in _renamed(ctx):
        if not breaks:
            yield finding
