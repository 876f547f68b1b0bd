"""pylint-odoo's options under their own kebab-case names, with pylint-odoo's defaults.

`[tool.odoolint]` accepts each key at the top level (`manifest-required-authors = ["Me"]`); the values land in
`Settings.options["pylint-odoo"]`, which the rules read with `option(ctx, key)`. Defaults are those of
pylint-odoo 10.0 (src/pylint_odoo/checkers/odoo_addons.py `DFTL_*`, misc.py), so a repository configured for
pylint-odoo keeps its meaning.
"""
from __future__ import annotations

FAMILY = "pylint-odoo"

# key: (type, default) ; types: "list" (of strings), "str", "dict" (version -> list of names)
OPTIONS: dict[str, tuple[str, object]] = {
    "attribute-deprecated": ("list", ["_columns", "_defaults", "length"]),
    "cursor-expr": ("list", ["cr", "self._cr", "self.cr", "self.env.cr"]),
    "deprecated-field-parameters": ("list", ["digits_compute:digits", "select:index"]),
    "development-status-allowed": ("list", ["Alpha", "Beta", "Mature", "Production/Stable"]),
    "external-request-timeout-methods": ("list", [
        "ftplib.FTP", "http.client.HTTPConnection", "http.client.HTTPSConnection",
        "odoo.addons.iap.models.iap.jsonrpc", "requests.delete", "requests.get", "requests.head",
        "requests.options", "requests.patch", "requests.post", "requests.put", "requests.request",
        "serial.Serial", "smtplib.SMTP", "suds.client.Client", "urllib.request.urlopen"]),
    "license-allowed": ("list", ["AGPL-3", "GPL-2 or any later version", "GPL-2", "GPL-3 or any later version",
                                 "GPL-3", "LGPL-3", "OEEL-1", "Other OSI approved licence", "Other proprietary"]),
    "manifest-deprecated-keys": ("list", ["description"]),
    "manifest-keys-values-true": ("list", ["active", "installable"]),
    "manifest-required-authors": ("list", ["Odoo Community Association (OCA)"]),
    "manifest-required-keys": ("list", ["license"]),
    "manifest-required-keys-app": ("list", ["currency", "images", "license", "support"]),
    "manifest-version-format": ("str", r"({valid_odoo_versions})\.\d+\.\d+\.\d+$"),
    "method-required-super": ("list", ["copy", "create", "default_get", "read", "setUp", "setUpClass",
                                       "tearDown", "tearDownClass", "unlink", "write"]),
    "prohibited-method-override": ("list", []),
    "no-missing-return": ("list", ["__init__", "_register_hook", "setUp", "setUpClass", "tearDown",
                                   "tearDownClass"]),
    "odoo-exceptions": ("list", ["AccessDenied", "AccessError", "CacheMiss", "except_orm", "MissingError",
                                 "RedirectWarning", "UserError", "ValidationError", "Warning"]),
    "odoo-required-files": ("list", []),
    "odoo-required-files-app": ("list", ["static/description/index.html"]),
    "readme-template-url": ("str", "https://github.com/OCA/maintainer-tools/blob/master/template/module/README.rst"),
    # empty: the target (or, without one, each addon's own series) decides, as `valid-odoo-versions` does
    "valid-odoo-versions": ("list", []),
    "deprecated-odoo-model-methods": ("dict", {"16.0": ["fields_view_get"]}),
    "category-allowed": ("list", []),
    "category-allowed-app": ("list", [
        "Accounting", "Discuss", "Document Management", "eCommerce", "Extra Tools", "Human Resources",
        "Industries", "Localization", "Manufacturing", "Marketing", "Point of Sale", "Productivity", "Project",
        "Purchases", "Sales", "Tutorial", "Warehouse", "Website"]),
}

# every Odoo series pylint-odoo knows (misc.DFTL_VALID_ODOO_VERSIONS), for the version-format regex
ALL_SERIES = ["4.2", "5.0", "6.0", "6.1", "7.0", "8.0", "9.0", "10.0", "11.0", "12.0", "13.0", "14.0", "15.0",
              "16.0", "17.0", "18.0", "19.0", "20.0"]


def validate(key: str, value, source: str) -> object:
    """The value of a peer option, checked; raises ValueError with a one-line reason."""
    kind, _ = OPTIONS[key]
    if kind == "list":
        if isinstance(value, str):   # pylint's csv form: "a,b"
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ValueError(f"{source}: {key!r} must be a list of strings")
    elif kind == "str":
        if not isinstance(value, str):
            raise ValueError(f"{source}: {key!r} must be a string")
    elif kind == "dict":
        if not (isinstance(value, dict) and all(isinstance(v, list) for v in value.values())):
            raise ValueError(f"{source}: {key!r} must map Odoo versions to lists of method names")
    return value


def option(ctx_or_project, key: str):
    """The configured value of a peer option, or pylint-odoo's default."""
    opts = getattr(ctx_or_project, "options", None) or {}
    fam = opts.get(FAMILY) or {}
    if key in fam:
        return fam[key]
    return OPTIONS[key][1]
