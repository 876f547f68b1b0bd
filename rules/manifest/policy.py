"""pylint-odoo's manifest policy checks (authors, keys, license, versions, URLs, assets, app keys).

These are repository conventions (OCA's by default), not things Odoo refuses: they are opt-in
(`--extend-select pylint-odoo` or by name) and every list they compare against is an option under
pylint-odoo's own name in `[tool.odoolint]` (see odoolint/peer_options.py).
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from urllib.parse import urlparse, urlsplit

from odoolint.model import Finding
from odoolint.peer_options import ALL_SERIES
from odoolint.rules.python.peer import gate, option, peer_rule, str_value

SRC = "pylint-odoo 10.0 src/pylint_odoo/checkers/odoo_addons.py `visit_dict` (manifest checks), misc.py"
SRC_LOADER = SRC + "; odoo/modules/module.py `load_manifest` (reads the dict with ast.literal_eval)"
DATA_KEYS = ("data", "demo", "demo_xml", "init_xml", "test", "update_xml")


def _values(ctx):
    values = getattr(ctx.tree, "values", None)
    return values if isinstance(values, dict) else None


def _at(ctx, key=None):
    """pylint-odoo reports at the key node, or the dict's start when the key is absent."""
    node = ctx.tree.key_nodes.get(key) if key else None
    if node is None:
        s = ctx.node_span(ctx.tree.dict_node)
        return ctx.span(s.start.offset, s.start.offset + 1)
    return ctx.node_span(node)


def _manifest_rule(code, name, msgid, summary, what, why, before, after, source=SRC, severity="info",
                   default=False, tags=(), symbol=None):
    def wrap(func):
        @peer_rule(code, name, msgid, symbol=symbol, summary=summary, kinds=["manifest"], severity=severity, what=what, why=why,
                   before=before, after=after, source=source, default_enabled=default, tags=tags)
        def check(ctx):
            values = _values(ctx)
            if values is None:
                return
            yield from func(ctx, values)
        check.__name__ = func.__name__
        return check
    return wrap


@_manifest_rule("MF201", "manifest-required-author", "C8101", "None of the required authors in `author`",
                "Reports a manifest whose comma-separated `author` names none of `manifest-required-authors` "
                "(default: Odoo Community Association (OCA)).",
                "OCA's tooling (README generation, apps store, the contributors' policy) relies on the author "
                "list; a repository that requires an author wants every addon to carry it.",
                "'author': 'Me'", "'author': 'Me, Odoo Community Association (OCA)'")
def manifest_required_author(ctx, values):
    author = values.get("author", "")
    if not isinstance(author, str):
        return
    required = option(ctx, "manifest-required-authors")
    if not {a.strip() for a in author.split(",")} & set(required):
        yield Finding(_at(ctx, "author"), "One of the following authors must be present in manifest: "
                      + ", ".join(f"'{a}'" for a in required))


@_manifest_rule("MF202", "manifest-author-string", "E8101", "`author` is not a string",
                "Reports an `author` that is a list or anything else but a string.",
                "Odoo stores `author` in a Char field of `ir.module.module`: a list ends up as its Python repr "
                "(`['A', 'B']`) in the apps list.",
                "'author': ['A', 'B']", "'author': 'A, B'",
                source=SRC + "; odoo/addons/base/models/ir_module.py (`author = fields.Char`)")
def manifest_author_string(ctx, values):
    if not isinstance(values.get("author", ""), str):
        yield Finding(_at(ctx, "author"), "The author key in the manifest file must be a string (with comma "
                      "separated values)")


@_manifest_rule("MF203", "manifest-required-key", "C8102", "A key of `manifest-required-keys` is missing",
                "Reports each key of `manifest-required-keys` (default: `license`) the manifest lacks.",
                "Keys a repository requires (a license above all: Odoo assumes LGPL-3 when it is missing) should "
                "be declared, not defaulted.",
                "{'name': 'X'}", "{'name': 'X', 'license': 'AGPL-3'}")
def manifest_required_key(ctx, values):
    for key in option(ctx, "manifest-required-keys"):
        if key not in values:
            yield Finding(_at(ctx), f'Missing required key "{key}" in manifest file')


@_manifest_rule("MF204", "manifest-deprecated-key", "C8103", "A key of `manifest-deprecated-keys` is used",
                "Reports each key of `manifest-deprecated-keys` (default: `description`) the manifest has.",
                "OCA writes the description in README.rst / readme/ fragments; a `description` key duplicates "
                "and then contradicts it.",
                "'description': 'Long text'", "(README.rst)")
def manifest_deprecated_key(ctx, values):
    for key in option(ctx, "manifest-deprecated-keys"):
        if key in values:
            yield Finding(_at(ctx, key), f'Deprecated key "{key}" in manifest file')


@_manifest_rule("MF205", "license-allowed", "C8105", "`license` not in `license-allowed`",
                "Reports a `license` that is not one of `license-allowed` (pylint-odoo's default list; Odoo's own "
                "accepted values are MF103's job).",
                "A repository usually allows only the licenses compatible with its own.",
                "'license': 'OPL-1'", "'license': 'LGPL-3'")
def license_allowed(ctx, values):
    lic = values.get("license")
    if lic and lic not in option(ctx, "license-allowed"):
        yield Finding(_at(ctx, "license"), f'License "{lic}" not allowed in manifest file.')


@_manifest_rule("MF206", "category-allowed", "C8114", "`category` not in `category-allowed` (when set)",
                "Reports a `category` outside `category-allowed` for modules without a `price`; the default list "
                "is empty, which disables the check.",
                "A repository with a fixed taxonomy of categories keeps its apps list navigable.",
                "'category': 'Stuff'", "'category': 'Sales'")
def category_allowed(ctx, values):
    cat, allowed = values.get("category"), option(ctx, "category-allowed")
    if cat and allowed and cat not in allowed and "price" not in values:
        yield Finding(_at(ctx, "category"), f'Category "{cat}" not allowed in manifest file.')


def version_regex(ctx) -> str:
    """`manifest-version-format` with `{valid_odoo_versions}` filled: the option, else the target's series,
    else every series (pylint-odoo's default)."""
    valid = option(ctx, "valid-odoo-versions")
    if not valid:
        valid = [f"{ctx.target.major}.{ctx.target.minor}"] if ctx.target is not None else ALL_SERIES
    return option(ctx, "manifest-version-format").format(valid_odoo_versions="|".join(map(re.escape, valid)))


@_manifest_rule("MF207", "manifest-version-format", "C8106", "`version` does not match `manifest-version-format`",
                "Reports a `version` that does not match `manifest-version-format` (default: a known series and "
                "three numbers, `17.0.1.0.0`; with a target, that series).",
                "The five-part version tells Odoo and the migration scripts which series and which revision the "
                "code is; OCA's bots bump it and refuse anything else.",
                "'version': '1.0'", "'version': '17.0.1.0.0'",
                source=SRC + "; odoo/modules/module.py `adapt_version`")
def manifest_version_format(ctx, values):
    version = values.get("version", "")
    if not version or not isinstance(version, str):
        return
    rx = version_regex(ctx)
    if not re.match(rx, version):
        yield Finding(_at(ctx, "version"), f'Wrong Version Format "{version}" in manifest file. Regex to match: '
                      f'"{rx}"')


@_manifest_rule("MF208", "manifest-data-duplicated", "W8125", "The same file listed twice in `data`/`demo`",
                "Reports a file listed more than once under one of `data`, `demo`, `demo_xml`, `init_xml`, "
                "`test`, `update_xml`.",
                "Odoo loads the file twice: records are written twice, `noupdate` blocks and sequences behave "
                "differently the second time, and one of the entries is dead weight.",
                "'data': ['views/a.xml', 'views/a.xml']", "'data': ['views/a.xml']",
                source=SRC_LOADER + "; odoo/modules/loading.py `load_data` (each listed file is loaded)")
def manifest_data_duplicated(ctx, values):
    for key in DATA_KEYS:
        node = ctx.tree.value_nodes.get(key)
        if not isinstance(node, (ast.List, ast.Tuple)):
            continue
        seen = defaultdict(list)
        for elt in node.elts:
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                seen[elt.value].append(elt)
        for name, elts in seen.items():
            if len(elts) >= 2:
                lines = ", ".join(str(e.lineno) for e in elts[1:])
                yield Finding(ctx.node_span(elts[0]), f'The file "{name}" is duplicated in lines {lines} from '
                              f'manifest key "{key}"')


class InvalidURL(Exception):
    pass


_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-_]{0,61}[a-z]$", re.I)


def validate_url(url: str) -> None:
    if re.search(r"\s", url):
        raise InvalidURL("URL must not contain white spaces, they must be encoded")
    try:
        scheme, netloc, *_ = urlsplit(url)
    except ValueError as exc:
        raise InvalidURL(f"URL invalid: {exc}") from None
    if scheme not in ("https", "http"):
        raise InvalidURL("URL needs to start with 'http[s]://'")
    if not netloc:
        raise InvalidURL("Invalid URL domain not identified")
    if re.search(r"__+", netloc):
        raise InvalidURL(f"Domain section must not contain double underscore '__' because of security issues "
                         f"{netloc}")
    try:
        netloc = netloc.encode("idna").decode("utf-8")
    except UnicodeError:
        raise InvalidURL(f"Unable to encode/decode domain section {netloc}") from None
    if not _DOMAIN.match(netloc):
        raise InvalidURL(f"Domain {netloc!r} contains invalid characters")


@_manifest_rule("MF209", "website-manifest-key-not-valid-uri", "W8114", "`website` is not an http(s) URL",
                "Reports a `website` that is not an `http://` or `https://` URL with a valid domain (no spaces, "
                "no double underscores).",
                "The apps list links to it: a broken value is a dead link on every module page.",
                "'website': 'github.com/OCA/x'", "'website': 'https://github.com/OCA/x'")
def website_uri(ctx, values):
    website = values.get("website") or ""
    if not website or not isinstance(website, str):
        return
    try:
        validate_url(website)
    except InvalidURL as exc:
        yield Finding(_at(ctx, "website"), f'Website "{website}" in manifest key is not a valid URI. {exc}')


_EMAIL = re.compile(r"^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$")


@_manifest_rule("MF210", "invalid-email", "R8181", "`support` is not an e-mail address",
                "Reports a `support` value that is not an e-mail address.",
                "Odoo's apps store shows `support` as the contact address: a wrong value leaves buyers nowhere "
                "to write.",
                "'support': 'help'", "'support': 'help@example.com'")
def invalid_email(ctx, values):
    support = values.get("support")
    if support and isinstance(support, str) and not _EMAIL.match(support):
        yield Finding(_at(ctx, "support"), f'Invalid email "{support}"')


@_manifest_rule("MF211", "development-status-allowed", "C8111", "`development_status` not in "
                "`development-status-allowed`",
                "Reports a `development_status` outside `development-status-allowed` (default: Alpha, Beta, "
                "Mature, Production/Stable).",
                "OCA's README badges and maturity policy read this key; another value gets no badge and no policy.",
                "'development_status': 'Stable'", "'development_status': 'Production/Stable'")
def development_status(ctx, values):
    status = values.get("development_status")
    allowed = option(ctx, "development-status-allowed")
    if status and status not in allowed:
        yield Finding(_at(ctx, "development_status"), f'Manifest key development_status "{status}" not allowed. '
                      f'Use one of: {", ".join(allowed)}.')


@_manifest_rule("MF212", "manifest-maintainers-list", "E8104", "`maintainers` is not a list of strings",
                "Reports a `maintainers` value that is not a list of strings (GitHub logins).",
                "OCA's bots read it to assign reviews and give merge rights: a string is iterated character by "
                "character.",
                "'maintainers': 'me'", "'maintainers': ['me']")
def manifest_maintainers_list(ctx, values):
    m = values.get("maintainers")
    if m and (not isinstance(m, list) or any(not isinstance(i, str) for i in m)):
        yield Finding(_at(ctx, "maintainers"), "The maintainers key in the manifest file must be a list of strings")


@_manifest_rule("MF213", "manifest-summary-multiline", "C8120", "`summary` spans several lines (20.0+)",
                "Reports a `summary` containing a newline, for series 20.0 and later (pylint-odoo's gate).",
                "The summary is the one-line subtitle of the apps list; a newline breaks the card layout.",
                "'summary': 'Line one\\nLine two'", "'summary': 'Line one'")
def manifest_summary_multiline(ctx, values):
    summary = values.get("summary")
    if isinstance(summary, str) and "\n" in summary and gate(ctx, "20.0"):
        yield Finding(_at(ctx, "summary"), "Summary in manifest file should be a one-line short description, found "
                      "newline character")


@_manifest_rule("MF214", "manifest-external-assets", "W8162", "Asset loaded from another site",
                "Reports `assets` entries that are URLs (`https://cdn.../lib.js`), plain or inside a directive "
                "tuple.",
                "The browser then loads code from a third party on every page: it breaks offline and on-premise "
                "installs, and whoever controls the CDN controls the Odoo session.",
                "'web.assets_backend': ['https://cdn.example.com/x.js']",
                "'web.assets_backend': ['my_mod/static/lib/x.js']", tags=("security",),
                source=SRC + "; odoo/addons/base/models/ir_asset.py (URLs are emitted as-is)")
def manifest_external_assets(ctx, values):
    node = ctx.tree.value_nodes.get("assets")
    if not isinstance(node, ast.Dict):
        return
    for item in node.values:
        for element in getattr(item, "elts", []):
            value = str_value(element)
            if value is not None:
                if urlparse(value).scheme:
                    yield Finding(ctx.node_span(element), f"Asset {value} should be distributed with module's "
                                  "source code. More info at https://httptoolkit.com/blog/public-cdn-risks/")
            elif isinstance(element, (ast.Tuple, ast.List)):
                for entry in element.elts:
                    if isinstance(entry, ast.Constant) and isinstance(entry.value, str) and urlparse(entry.value).scheme:
                        yield Finding(ctx.node_span(element), f"Asset {entry.value} should be distributed with "
                                      "module's source code. More info at https://httptoolkit.com/blog/public-cdn-risks/")


@_manifest_rule("MF215", "manifest-required-key-app", "C8119", "A paid module lacks a key of "
                "`manifest-required-keys-app`",
                "For a manifest with a `price`, reports each key of `manifest-required-keys-app` (default: "
                "currency, images, license, support) that is missing and not already required for every module.",
                "The Odoo apps store needs them to list a paid module.",
                "{'price': 10}", "{'price': 10, 'currency': 'EUR', 'images': [...], 'support': 'a@b.c'}")
def manifest_required_key_app(ctx, values):
    if "price" not in values:
        return
    keys = [k for k in option(ctx, "manifest-required-keys-app") if k not in option(ctx, "manifest-required-keys")]
    for key in sorted(set(keys)):
        if key not in values:
            yield Finding(_at(ctx), f'Missing required key "{key}" in manifest file for modules with price.')


@_manifest_rule("MF216", "category-allowed-app", "C8117", "A paid module's `category` is not an apps-store "
                "category",
                "For a manifest with a `price`, reports a `category` outside `category-allowed-app` (the apps "
                "store's categories by default).",
                "The apps store files a paid module under one of its own categories only.",
                "'category': 'Tools'", "'category': 'Extra Tools'")
def category_allowed_app(ctx, values):
    cat, allowed = values.get("category"), option(ctx, "category-allowed-app")
    if "price" in values and cat and allowed and cat not in allowed:
        yield Finding(_at(ctx, "category"), f'Category "{cat}" not allowed in manifest file for modules with price.')


@_manifest_rule("MF217", "manifest-key-default-value", "C8116", "A key set to its default value (pylint-odoo)",
                "pylint-odoo's `manifest-superfluous-key`: reports top-level keys whose value is falsy "
                "(`'auto_install': False`, `'demo': []`, `0`, `None`) or a true value of a key in "
                "`manifest-keys-values-true` (`installable`, `active`), in every addon. MF304 is OCA hooks' "
                "check of the same name (installable addons, nested dicts, with a fix): both carry the name as an "
                "alias, so one pragma silences both; enable one family.",
                "They add noise and hide the keys that matter.",
                "'installable': True, 'auto_install': False", "(nothing)",
                source=SRC + "; odoo/modules/module.py `_DEFAULT_MANIFEST` (defaults)",
                symbol="manifest-superfluous-key")
def manifest_superfluous_key(ctx, values):
    true_keys = option(ctx, "manifest-keys-values-true")
    for key, value in values.items():
        if (not value and key not in true_keys) or (value and key in true_keys):
            yield Finding(_at(ctx, key), f'Manifest superfluous key "{key}". It is the same as the default value: '
                          f"{value}. Better remove it")
