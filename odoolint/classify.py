"""Which kind of file is this? By name first, then by a cheap look at the content."""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Callable, Optional

    Reader = Callable[[], bytes]

from .lazyre import Patterns

DEPLOY_KINDS = frozenset({"odoo-conf", "compose", "do-app-spec", "dockerfile", "superset-config",
                          "gh-workflow", "env-file", "requirements", "nginx-conf", "dockerignore",
                          "pgbouncer-ini"})

# compiled on first use (lazyre): only a `.yml` or `.conf` of unknown kind is looked into
_RX = Patterns(
    ODOO_KEY_LINE=rb"(?m)^[ \t]*(addons_path|db_host|db_user|db_password|admin_passwd|dbfilter|db_filter|http_port|"
                  rb"xmlrpc_port|workers|data_dir|list_db|proxy_mode|limit_memory_hard)\s*[=:]",
    OPTIONS_HEADER=rb"(?m)^[ \t]*\[options\]",
    NGINX_ONLY=rb"(?m)^[ \t]*(server|upstream|location|http)\b[^=\n{]*\{",   # not Apache
    NGINX=rb"(?m)^[ \t]*(server|upstream|location|http|map|events)\b[^=\n]*\{|^[ \t]*<VirtualHost",
    YAML_TOP=rb"(?m)^([A-Za-z_][\w-]*)\s*:",
    # keys of a DO component (compose services never carry them); top-level sections alone (`services:`,
    # `databases:`) are shared with many other YAML files (backup tools, Ansible vars). `[ \t]` not `\s`: linear.
    DO_MARKERS=rb"(?m)^[ \t]+(instance_size_slug|http_port|instance_count|source_dir|dockerfile_path|"
               rb"run_command|deploy_on_push|environment_slug|registry_type)\s*:",
    COMPOSE_MARKERS=rb"(?m)^[ \t]+(image|build|volumes|ports|depends_on|networks|healthcheck)\s*:",
    # compose's `services` is a mapping; a top-level `services:` list is CI (Drone, GitLab, Woodpecker)
    SERVICES_LIST=rb"(?m)^services[ \t]*:[ \t]*(?:\[|\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*- )",
    OTHER_INI=(rb"(?m)^[ \t]*\[(program:|supervisord|unit\]|service\]|install\]|group:|include\])", re.I),
)
_TEMPLATE_YAML = tuple(f".{ext}.{t}" for ext in ("yml", "yaml") for t in ("j2", "jinja", "jinja2", "tmpl", "tpl",
                                                                          "template", "example", "dist", "sample"))


def classify(relpath: str, read_head: Reader) -> Optional[str]:
    """Kind of a file given its repository-relative POSIX path; None if odoolint does not read it."""
    parts = tuple(relpath.split("/"))
    name = parts[-1]
    lower = name.lower()
    if name in ("__manifest__.py", "__openerp__.py"):
        return "manifest"
    if lower.startswith("superset_config") and lower.endswith(".py"):
        return "superset-config"
    if lower.endswith(".py"):
        return "python"
    if lower.endswith(".xml"):
        return "xml"
    if lower.endswith(".csv"):
        # Odoo loads a data CSV as the model its name gives (odoo/tools/convert.py `convert_csv_import`:
        # `model = filename.split('-')[0]`), so data CSVs are named `ir.model.access.csv`, `res.partner-x.csv`;
        # other CSVs (test data, samples) are never loaded and are not Odoo data.
        return "csv" if "." in name[:-4].split("-")[0] else None
    if lower.endswith((".po", ".pot")):
        # Odoo loads a module's translations from `<module>/i18n/<lang>.po` and `<module>/i18n_extra/<lang>.po`
        # only (odoo/tools/translate.py `get_po_paths`, 16.0-19.0); other PO files (a Sphinx `doc/locale/`) are
        # not Odoo translations, and what the PO rules say of Odoo's reader is not true of them
        return "po" if len(parts) > 1 and parts[-2] in ("i18n", "i18n_extra") else None
    if lower.endswith(".js") and "static" in parts:
        return "js"
    if lower == ".dockerignore" or lower.endswith(".dockerignore"):
        return "dockerignore"   # no parser, no rules: listed so project rules know a build context has one
    if lower in ("dockerfile", "containerfile") or lower.startswith(("dockerfile.", "containerfile.")) \
            or lower.endswith((".dockerfile", ".containerfile", "_dockerfile", "-dockerfile")):
        return "dockerfile"     # `Dockerfile.prod`, `odoo.Dockerfile`, `16.0_Dockerfile`, `odoo-Dockerfile`
    if lower == ".env" or lower.startswith(".env.") or lower.endswith((".env", ".env.example", ".env.sample",
                                                                         ".env.dist", ".env.template")):
        return "env-file"
    if lower == "pgbouncer.ini" or (lower.startswith("pgbouncer") and lower.endswith((".ini", ".ini.template"))):
        return "pgbouncer-ini"
    if lower.endswith(_TEMPLATE_YAML):
        return None             # `docker-compose.yml.j2`: rendered by a tool first, not a compose file yet
    if lower.startswith("requirements") and lower.endswith((".txt", ".in")):
        return "requirements"
    if lower.endswith((".yml", ".yaml")):
        if len(parts) >= 3 and parts[-3] == ".github" and parts[-2] == "workflows":
            return "gh-workflow"
        if lower.startswith(("docker-compose", "compose")):
            return "compose"
        if len(parts) >= 2 and parts[-2] == ".do":
            return "do-app-spec"
        return _sniff_yaml(read_head())
    if lower in (".odoorc", "openerp-server.conf", "odoo-server.conf") or \
            (lower.startswith("odoo") and (lower.endswith(".conf") or ".conf." in lower)):
        head = read_head()
        if _RX.OTHER_INI.search(head) and not _RX.OPTIONS_HEADER.search(head):
            return None         # a supervisord/systemd file named after Odoo (`[program:odoo]`)
        if _RX.NGINX.search(head) and not _RX.OPTIONS_HEADER.search(head):
            return "nginx-conf" if _RX.NGINX_ONLY.search(head) else None   # a proxy site for Odoo, named after it
        return "odoo-conf"
    if lower.endswith((".conf", ".cfg", ".ini", ".rc")):
        head = read_head()
        if _RX.OPTIONS_HEADER.search(head) and _RX.ODOO_KEY_LINE.search(head):
            return "odoo-conf"
        if lower.endswith(".conf") and len(_RX.ODOO_KEY_LINE.findall(head)) >= 2:
            return "odoo-conf"  # an odoo.conf that lost its [options] header
        if lower.endswith(".conf") and _RX.NGINX_ONLY.search(head):
            return "nginx-conf"
    return None


def _sniff_yaml(head: bytes) -> Optional[str]:
    tops = {m.group(1).decode("ascii", "replace") for m in _RX.YAML_TOP.finditer(head)}
    if "jobs" in tops and ("on" in tops or '"on"' in tops or "name" in tops) and b"runs-on" in head:
        return "gh-workflow"
    if _RX.DO_MARKERS.search(head) and tops & {"services", "workers", "static_sites", "jobs", "spec"}:
        return "do-app-spec"   # compose files never carry http_port, instance_size_slug, run_command, ...
    if "services" in tops and _RX.COMPOSE_MARKERS.search(head) and not _RX.SERVICES_LIST.search(head):
        return "compose"
    return None
