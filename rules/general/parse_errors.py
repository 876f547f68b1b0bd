"""One parse-error rule per kind: a file Odoo (or Docker, Compose, GitHub...) cannot read.

The engine reports through these when decoding or parsing fails; the functions are never called.
"""
from odoolint.registry import rule

_KINDS = [
    ("PY001", "python-parse-error", "python", "Python file cannot be parsed",
     "Odoo imports every Python module of an addon when the registry loads (odoo/modules/loading.py "
     "`load_openerp_module`, all branches 16.0-19.0); a SyntaxError there stops the whole server, not only "
     "the addon.", "odoo/modules/module.py `load_openerp_module` (16.0-19.0)"),
    ("MF001", "manifest-parse-error", "manifest", "Manifest is not a single literal dict",
     "Odoo reads `__manifest__.py` with `ast.literal_eval` (odoo/modules/module.py `load_manifest`, 16.0-19.0); "
     "anything but one literal dict makes the module unreadable and it is skipped or the server fails.",
     "odoo/modules/module.py `load_manifest` (16.0-19.0)"),
    ("XML001", "xml-parse-error", "xml", "XML file cannot be parsed",
     "Odoo parses data and view files with lxml (odoo/tools/convert.py `convert_xml_import`); a malformed file "
     "aborts the module install or upgrade with a ParseError.", "odoo/tools/convert.py (16.0-19.0)"),
    ("CSV001", "csv-parse-error", "csv", "CSV data file cannot be read",
     "Odoo loads CSV data with the csv module (odoo/tools/convert.py `convert_csv_import`); an undecodable or "
     "malformed file aborts the install.", "odoo/tools/convert.py `convert_csv_import` (16.0-19.0)"),
    ("PO001", "po-parse-error", "po", "Translation file cannot be read",
     "Odoo reads .po files with polib: `PoFileReader` does `polib.pofile(source.read().decode())` "
     "(odoo/tools/translate.py, 16.0-19.0), so a file that is not UTF-8 or that polib refuses (a syntax error, an "
     "unescaped quote) makes loading the language fail. This rule accepts exactly what that call accepts.",
     "odoo/tools/translate.py `PoFileReader.__init__` (16.0-19.0); polib `_POFileParser`"),
    ("CNF001", "odoo-conf-parse-error", "odoo-conf", "odoo.conf makes configparser raise",
     "Odoo reads the file with configparser.RawConfigParser and catches only IOError and NoSectionError "
     "(odoo/tools/config.py `load` in 16.0-18.0, `_load_file_options` in 19.0): a duplicate key or section, a "
     "line before any section or a line without `=`/`:` raises and the server does not start.",
     "odoo/tools/config.py (16.0, 17.0, 18.0 `load`; 19.0 `_load_file_options`)"),
    ("DC001", "compose-parse-error", "compose", "Compose file is not valid YAML",
     "docker compose refuses a file it cannot parse, so nothing of the stack starts.",
     "compose-spec 01-status.md; PyYAML safe composer"),
    ("DO001", "do-app-spec-parse-error", "do-app-spec", "App spec is not valid YAML",
     "DigitalOcean App Platform rejects a spec it cannot parse; the deploy never starts.",
     "digitalocean/openapi specification/resources/apps"),
    ("DF001", "dockerfile-parse-error", "dockerfile", "Dockerfile cannot be parsed",
     "docker build stops on a Dockerfile without FROM or with undecodable content.",
     "Dockerfile reference (FROM must be the first instruction after ARGs)"),
    ("SUP001", "superset-config-parse-error", "superset-config", "superset_config.py cannot be parsed",
     "Superset imports superset_config.py at start-up (superset/config.py); a SyntaxError stops it.",
     "apache-superset superset/config.py"),
    ("GHA001", "workflow-parse-error", "gh-workflow", "Workflow is not valid YAML",
     "GitHub rejects a workflow file it cannot parse, so the CI it describes never runs.",
     "GitHub Actions workflow syntax"),
    ("NGX001", "nginx-conf-parse-error", "nginx-conf", "nginx configuration cannot be parsed",
     "nginx refuses to start (or to reload) with unbalanced braces or an unterminated string, so the proxy in "
     "front of Odoo is down.", "nginx configuration syntax (nginx.org/en/docs/beginners_guide.html)"),
    ("ENV001", "env-file-parse-error", "env-file", "Env file cannot be read",
     "docker compose and most PaaS read env files as UTF-8 text; an undecodable file fails the deploy.",
     "compose-spec 05-services.md env_file"),
]


# the OCA hooks' names for the same failures (oca-checks-odoo-module / oca-checks-po)
_ALIASES = {"MF001": ("manifest-syntax-error",), "XML001": ("xml-syntax-error",), "CSV001": ("csv-syntax-error",),
            "PO001": ("po-syntax-error",)}


def _register(code, name, kind, summary, why, source):
    @rule(code, name, summary=summary, kinds=[kind], severity="error", parse_error=True, tags=["correctness"],
          aliases=_ALIASES.get(code, ()),
          what=f"Reports a {kind} file that cannot be decoded or parsed, at the line and column where reading "
               f"failed (binary, truncated, wrongly encoded or oversized files included). No other rule runs "
               f"on a file that cannot be parsed.",
          why=why, source=source)
    def _never_called(ctx):  # pragma: no cover
        return ()
    return _never_called


for _args in _KINDS:
    _register(*_args)
