"""docker-compose per-file rules (RULES.md §7.3): what a single compose file gets wrong on its own."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule
from odoolint.sources import yamltree as yt

from .facts import image_repo_tag, is_raw, mget, mitems, parse_volume, services, text

# ---- DC101 -----------------------------------------------------------------------------------

_PG18_OLD_PATH = "/var/lib/postgresql/data"
_PG_MAJOR = re.compile(r"^(\d{1,2})(?:[.-]|$)")


def _pg_major(image: str):
    """Major of an official postgres image tag; 18 for `postgres`/`postgres:latest` (latest is 18 since 2025-09)."""
    repo, tag = image_repo_tag(image)
    if repo != "postgres" or not _official(image, "postgres"):
        return None
    if tag is None or tag.startswith("latest") or tag in ("alpine", "bookworm", "trixie"):
        return 18
    m = _PG_MAJOR.match(tag)
    return int(m.group(1)) if m else None


@rule("DC101", "compose-postgres18-volume-path",
      summary="postgres 18+ with its data volume mounted at /var/lib/postgresql/data",
      kinds=["compose"], severity="error", tags=["deploy"],
      what="Reports a service running the official `postgres` image at major 18 or later (including `postgres`, "
           "`postgres:latest` and `postgres:alpine`, which are 18 now) that mounts a volume at "
           "`/var/lib/postgresql/data` without setting `PGDATA` to that folder.",
      why="From 18 the image keeps its cluster in `/var/lib/postgresql/<major>/docker` and declares "
          "`VOLUME /var/lib/postgresql`; when it finds a mount at the old path it prints 'there appears to be "
          "PostgreSQL data in /var/lib/postgresql/data (unused mount/volume)' and exits, even on a fresh volume, "
          "so the database never starts.",
      before="db:\n  image: postgres:18\n  volumes:\n    - pgdata:/var/lib/postgresql/data",
      after="db:\n  image: postgres:18\n  volumes:\n    - pgdata:/var/lib/postgresql",
      source="docker-library/postgres PR #1259 (18+ data layout) and issue #1364")
def postgres18_volume_path(ctx):
    for name, _, svc in services(ctx.tree):
        image = text(mget(svc, "image"))
        if not image or "$" in image:
            continue
        major = _pg_major(image)
        if major is None or major < 18:
            continue
        pgdata = _env_value(svc, "PGDATA")
        if pgdata is not None and pgdata.rstrip("/").startswith(_PG18_OLD_PATH):
            continue
        for item in yt.seq(mget(svc, "volumes")):
            target = text(mget(item, "target")) if yt.is_map(item) else (
                parse_volume(text(item) or "")[1] if yt.is_scalar(item) else None)
            if target and target.rstrip("/") == _PG18_OLD_PATH:
                yield Finding(yt.span(ctx.index, item),
                              f"Service `{name}` runs `{image}` (PostgreSQL {major}) with a volume at "
                              f"{_PG18_OLD_PATH}: the 18+ image refuses to start ('unused mount/volume'), even "
                              f"on a fresh volume; mount it at /var/lib/postgresql instead (fresh volumes only, "
                              f"pg_upgrade existing data)")


def _env_value(svc, key):
    node = mget(svc, "environment")
    if yt.is_map(node):
        return text(mget(node, key))
    for item in yt.seq(node):
        value = text(item) or ""
        if value.startswith(key + "="):
            return value[len(key) + 1:]
    return None


# ---- DC102 -----------------------------------------------------------------------------------

# compose-go template/template.go: `\$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?P<braced>…)}|(?P<invalid>))`
_DOLLAR = re.compile(r"\$(?:(?P<escaped>\$)|(?P<named>[_a-zA-Z][_a-zA-Z0-9]*)|(?P<braced>\{)|(?P<invalid>))")
_SECRET_KEY = re.compile(r"PASS|PWD|SECRET|TOKEN|KEY|HASH|CREDENTIAL", re.I)
_HASH = re.compile(r"\$(?:pbkdf2[-\w]*|2[abxy]?|argon2\w*|scrypt|[156]|sha\d+\w*|apr1|y)\$", re.I)


def _shown(what: str) -> str:
    """How an invalid `$` is named in a message: `$1`, `$` followed by '`', or a trailing `$`."""
    if not what:
        return "a trailing `$`"
    return f"`${what}`" if what.isalnum() else f"`$` followed by {what!r}"


def _bad_dollars(value: str, secret: bool) -> list[tuple[int, str, str]]:
    """(index, kind, name) of each `$` Compose would mangle: 'invalid' always, 'named' in secrets/hashes."""
    hashy = bool(_HASH.search(value))
    out = []
    for m in _DOLLAR.finditer(value):
        if m.group("escaped") or m.group("braced"):
            continue
        if m.group("named"):
            name = m.group("named")
            # `$DB_PASSWORD` (an upper-case variable, or the whole value) is a deliberate reference
            deliberate = name == name.upper() or value.strip() == "$" + name
            if hashy or (secret and not deliberate):
                out.append((m.start(), "named", name))
        else:
            out.append((m.start(), "invalid", value[m.end():m.end() + 1]))
    return out


def _dollar_values(svc):
    """(label, key is secret-like, scalar node, text offset of the value inside the node's text)."""
    env = mget(svc, "environment")
    if yt.is_map(env):
        for key, _, vn in mitems(env):
            if yt.is_scalar(vn) and text(vn):
                yield f"`{key}`", bool(_SECRET_KEY.search(key)), vn, 0
    else:
        for item in yt.seq(env):
            value = text(item) or ""
            key, eq, _ = value.partition("=")
            if eq:
                yield f"`{key.strip()}`", bool(_SECRET_KEY.search(key)), item, len(key) + 1
    command = mget(svc, "command")
    for node in ([command] if yt.is_scalar(command) else yt.seq(command)):
        if yt.is_scalar(node) and text(node):
            secret = bool(re.search(r"passw|passwd|secret|token", text(node), re.I))
            yield "`command`", secret, node, 0


@rule("DC102", "compose-unescaped-dollar",
      summary="A `$` in a secret or hash that Compose will interpolate", kinds=["compose"], severity="error",
      fix="safe", tags=["deploy", "security"],
      what="Reports values with a `$` that Compose treats as interpolation: anywhere in the file, a `$` "
           "followed by something that is not a variable name or `{` (a trailing `$` of a regex included: "
           "Compose refuses the file, 'Invalid template'); in `environment` and `command`, also `$name` inside "
           "a password-like variable or a passlib/crypt hash such as `$pbkdf2-sha512$600000$…`. `${VAR}` "
           "references and `$$` are left alone.",
      why="Compose substitutes `$name` with the value of the variable `name` (usually unset: an empty string) "
          "before the container starts, so a hashed `admin_passwd` or a password with a `$` reaches Odoo or "
          "Postgres corrupted and authentication fails; a `$` before a digit makes `docker compose` reject the "
          "whole file.",
      before="environment:\n  ADMIN_PASSWD: $pbkdf2-sha512$600000$abc",
      after="environment:\n  ADMIN_PASSWD: $$pbkdf2-sha512$$600000$$abc",
      source="compose-spec 12-interpolation.md ('$$' for a literal dollar); compose-go template/template.go "
             "(named/braced/invalid pattern, InvalidTemplateError)")
def unescaped_dollar(ctx):
    done: set[int] = set()
    yield from _service_dollars(ctx, done)
    # every other value is interpolated too: a `$` that is no valid reference makes compose refuse the file
    root = getattr(ctx.tree, "root", None)
    for path, node in _values(root, ()):
        if id(node) in done or not yt.is_scalar(node) or node.tag == "tag:yaml.org,2002:null":
            continue
        value = str(node.value)
        bad = [b for b in _bad_dollars(value, False) if b[1] == "invalid"]
        if not bad:
            continue
        raw = is_raw(ctx, node)
        vs = yt.value_span(ctx.index, node)
        base = vs.start.offset
        first, _, what = bad[0]
        span = ctx.span(base + first, base + first + 1) if raw else vs
        shown = _shown(what)
        where = ".".join(path) or "the document"
        fix = Fix(tuple(ctx.edit(base + i, base + i + 1, "$$") for i, _, _ in bad), Applicability.SAFE,
                  "Escape `$` as `$$`") if raw else None
        yield Finding(span, f"{shown} in `{where}` is not a valid Compose interpolation: `docker compose` refuses "
                            f"the file ('Invalid template'); write `$$` for a literal dollar", fix=fix)


def _values(node, path, depth=0, seen=None):
    """(key path, value node) of every value in the document (mapping keys are not interpolated). A node shared
    through aliases is visited once, at its first path (an alias bomb costs its size, not its expansion)."""
    seen = set() if seen is None else seen
    if node is None or depth > 100 or id(node) in seen:
        return
    seen.add(id(node))
    if yt.is_map(node):
        for k, v in node.value:
            key = str(k.value) if yt.is_scalar(k) else "?"
            yield from _values(v, path + (key,), depth + 1, seen)
    elif yt.is_seq(node):
        for i, x in enumerate(node.value):
            yield from _values(x, path + (str(i),), depth + 1, seen)
    else:
        yield path, node


def _service_dollars(ctx, done: set):
    for name, _, svc in services(ctx.tree):
        for label, secret, node, skip in _dollar_values(svc):
            done.add(id(node))
            value = text(node) or ""
            bad = [b for b in _bad_dollars(value[skip:], secret)]
            if not bad:
                continue
            first_index, kind, what = bad[0]
            vs = yt.value_span(ctx.index, node)
            raw = is_raw(ctx, node)
            base = vs.start.offset + skip
            start = base + first_index if raw else vs.start.offset
            span = ctx.span(start, start + 1 if raw else vs.end.offset)
            if kind == "invalid":
                shown = _shown(what)
                msg = (f"{shown} in {label} of service `{name}` is not a valid Compose interpolation: "
                       f"`docker compose` refuses the file ('Invalid template'); write `$$` for a literal dollar")
            else:
                msg = (f"`${what}` in {label} of service `{name}` is interpolated by Compose (variable "
                       f"`{what}`, usually unset, becomes an empty string), so the value reaches the container "
                       f"corrupted; write `$$` for a literal dollar")
            fix = None
            if raw:
                edits = tuple(ctx.edit(base + i, base + i + 1, "$$") for i, _, _ in bad)
                fix = Fix(edits, Applicability.SAFE, "Escape `$` as `$$`")
            yield Finding(span, msg, fix=fix)


# ---- DC103 -----------------------------------------------------------------------------------

def _other_odoo(image: str):
    """The image-table row of an Odoo image other than the official one (doodba, bitnami, camptocamp)."""
    from ..project.images import odoo_image
    row = odoo_image(image)
    return row if row is not None and row.family != "official odoo" else None


def is_known_postgres(image: str) -> bool:
    from ..project.images import is_known_postgres as known
    return known(image)


def _keeps_data(svc) -> bool:
    """Does the Postgres service keep its data in a declared volume or bind mount (the data directory, its
    parent for 18+, bitnami's /bitnami/postgresql, or $PGDATA)? Without one the data lives only as long as the container (a CI database)."""
    pgdata = (_env_value(svc, "PGDATA") or "").rstrip("/")
    for item in yt.seq(mget(svc, "volumes")):
        target = text(mget(item, "target")) if yt.is_map(item) else (
            parse_volume(text(item) or "")[1] if yt.is_scalar(item) else None)
        target = (target or "").rstrip("/")
        if target and (target.startswith(("/var/lib/postgresql", "/bitnami/postgresql")) or
                       (pgdata and pgdata.startswith(target))):
            return True
    return False


_HUB_HOSTS = ("docker.io/", "index.docker.io/", "registry-1.docker.io/")


def _official(image: str, repo_name: str) -> bool:
    """The Docker Hub official image `repo_name`, however it is spelt: `odoo`, `library/odoo`, `docker.io/odoo`,
    `docker.io/library/odoo`, or a mirror of the library namespace on another registry
    (`mirror.gcr.io/library/odoo`, `public.ecr.aws/docker/library/odoo`, `registry.example.com/library/odoo`)."""
    ref = image.split("@", 1)[0]
    path = ref.rsplit(":", 1)[0] if ":" in ref.rsplit("/", 1)[-1] else ref
    for host in _HUB_HOSTS:
        if path.startswith(host):
            path = path[len(host):]
            break
    if path in (repo_name, f"library/{repo_name}"):
        return True
    parts = path.split("/")
    return len(parts) >= 3 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost") and \
        parts[-2] == "library" and parts[-1] == repo_name


@rule("DC103", "compose-image-unpinned",
      summary="Odoo or Postgres image without a major version, or an Odoo major no longer built",
      kinds=["compose"], severity="error", tags=["deploy", "migration"],
      what="Reports `image: odoo`, `odoo:latest`, and `postgres` or `postgres:latest` (no major in the tag and no "
           "digest) on a service that keeps its data in a volume or bind mount (a throw-away CI database has no "
           "data to lose), the same for the other Odoo and Postgres images of the image table (`tecnativa/doodba`, "
           "`bitnami/odoo`, `camptocamp/odoo-project`, `postgis/postgis`, `bitnami/postgresql`) without a tag or "
           "on `latest`, and official `odoo` tags below 17 (the official image is built for 17.0, 18.0 and 19.0 "
           "only).",
      why="A pull or a new host silently brings the next major: an Odoo database cannot be opened by another "
          "major without an upgrade, and `postgres:latest` moved to 18, whose data layout and volume path differ "
          "(the old data directory is not reused). Tags that are no longer built receive no security fixes.",
      before="image: odoo\nimage: postgres:latest", after="image: odoo:18.0\nimage: postgres:17",
      source="odoo/docker@f7f6765 (folders 17.0, 18.0, 19.0; commit 7ffe127 '[REM] Odoo 16.0: remove deprecated "
             "version'); docker-library/postgres PR #1259")
def image_unpinned(ctx):
    for name, _, svc in services(ctx.tree):
        node = mget(svc, "image")
        image = text(node)
        if not image or "$" in image or "@" in image:
            continue
        repo, tag = image_repo_tag(image)
        span = yt.value_span(ctx.index, node)
        if repo == "odoo" and _official(image, "odoo"):
            if tag is None or tag == "latest":
                yield Finding(span, f"Service `{name}` runs `{image}` with no Odoo major: the next pull can bring a "
                                    f"new major that cannot open the existing database; pin it, e.g. `odoo:18.0`")
            else:
                m = _PG_MAJOR.match(tag)
                if m and int(m.group(1)) < 17:
                    yield Finding(span, f"Service `{name}` runs `{image}`: the official image is only built for "
                                        f"17.0, 18.0 and 19.0, so this tag gets no fixes; upgrade the database "
                                        f"and pin a maintained major")
        elif (tag is None or tag == "latest") and _other_odoo(image) is not None:
            yield Finding(span, f"Service `{name}` runs `{image}` ({_other_odoo(image).family}) with no Odoo "
                                f"major: the next pull can bring a new major that cannot open the existing "
                                f"database; pin the series in the tag")
        elif repo != "postgres" and is_known_postgres(image) and (tag is None or tag == "latest") and \
                _keeps_data(svc):
            yield Finding(span, f"Service `{name}` runs `{image}` with no Postgres major: a pull brings the newest "
                                f"major, which cannot open the previous major's data directory in the existing "
                                f"volume; pin the major in the tag")
        elif repo == "postgres" and _official(image, "postgres") and (
                tag is None or not re.match(r"^\d", tag)) and _keeps_data(svc):
            yield Finding(span, f"Service `{name}` runs `{image}` with no Postgres major: `latest` is now 18, "
                                f"whose data layout differs, so an existing data volume is not reused; pin the "
                                f"major, e.g. `postgres:16`")


# ---- DC107 -----------------------------------------------------------------------------------

@rule("DC107", "compose-yaml-python-tag", summary="`!!python/...` tag in a compose file",
      kinds=["compose"], severity="error", tags=["security", "correctness"],
      what="Reports every `!!python/...` tag (`!!python/object/apply:os.system`, `!!python/name:…`). odoolint "
           "loads YAML with the safe composer, so the tag is only reported, never constructed.",
      why="docker compose does not understand Python tags and rejects or mangles the value, and any tool that "
          "loads the file with an unsafe Python YAML loader would run the code it names.",
      before="command: !!python/object/apply:os.system ['id']", after="command: [\"odoo\"]",
      source="PyYAML documentation (`yaml.load` vs `safe_load`, python/* tags); compose-spec 01-status.md "
             "(compose files are plain YAML)")
def python_tag(ctx):
    for node in yt.python_tags(ctx.tree):
        yield Finding(ctx.span(node.start_mark.index, node.start_mark.index),
                      f"YAML tag `!!python/{node.tag[len(yt.PY_TAG):]}` names Python code: docker compose "
                      f"cannot load it and an unsafe loader would execute it; replace it with a plain "
                      f"value")


# ---- DC112 -----------------------------------------------------------------------------------

_PASSWORD_KEY = re.compile(r"(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD|SECRET|SECRET_KEY|TOKEN|API_KEY)$", re.I)


@rule("DC112", "compose-literal-password", summary="Password or secret written literally in a compose `environment`",
      kinds=["compose"], severity="warning", tags=["deploy", "security", "hardening"], default_enabled=False,
      what="Reports an `environment` entry whose name ends in PASSWORD, PASSWD, PASS, PWD, SECRET, TOKEN or "
           "API_KEY and whose value is a literal (no `${VAR}` reference, not empty); `*_FILE` variables (Docker "
           "secrets) are fine. Off by default: a literal in a local or CI compose file breaks nothing and "
           "exploits nothing by itself (policy); `--extend-select deploy-hardening` turns it on. Weak master "
           "passwords that open the database manager are odoo-conf-admin-passwd-weak (CNF108), on by default.",
      why="Compose files are committed and copied between environments; a password written in one ends up in the "
          "repository history and every clone. `${POSTGRES_PASSWORD}` from an untracked `.env`, or a Docker "
          "secret, keeps it out.",
      before="environment:\n  POSTGRES_PASSWORD: odoo", after="environment:\n  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}",
      source="compose-spec 05-services.md `environment`, 12-interpolation.md (`${VAR}` from `.env`), "
             "09-secrets.md; docker-library/postgres docs (`POSTGRES_PASSWORD_FILE`)")
def literal_password(ctx):
    for name, _, svc in services(ctx.tree):
        env = mget(svc, "environment")
        pairs = []
        if yt.is_map(env):
            pairs = [(key, vn, 0) for key, _, vn in mitems(env)]
        else:
            for item in yt.seq(env):
                key, eq, _ = (text(item) or "").partition("=")
                if eq:
                    pairs.append((key.strip(), item, len(key) + 1))
        for key, node, skip in pairs:
            value = (text(node) or "")[skip:] if yt.is_scalar(node) else ""
            if not _PASSWORD_KEY.search(key) or key.upper().endswith("_FILE") or not value.strip() or "$" in value:
                continue
            span = yt.value_span(ctx.index, node)
            yield Finding(span, f"`{key}` of service `{name}` is written in the compose file: it lands in the "
                                f"repository and every copy of it; read it from an untracked `.env` "
                                f"(`{key}: ${{{key}}}`) or a Docker secret")
