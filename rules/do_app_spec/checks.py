"""DigitalOcean App Platform app spec: rules that read the spec alone (RULES.md Part B §2, §7.5)."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Finding, Fix, Severity
from odoolint.registry import rule
from odoolint.sources import yamltree as yt

from .spec import components, env_items, looks_like_odoo, spec_root, str_or_none
from .yamledit import edit_keeps, insert_key

DOAPI = "digitalocean/openapi@7c1300c specification/resources/apps/models/"
HEALTH_PATH = "/web/health"


def _path(section, index, *rest):
    return [section, index, *rest] if rest else [section, index]


def _spec_path(ctx):
    """Key path from the document root to the spec mapping ([] or ["spec"])."""
    root = getattr(ctx.tree, "root", None)
    return [] if spec_root(ctx.tree) is root else ["spec"]


# --------------------------------------------------------------------------------------------------
@rule("DO102", "do-health-check-path", summary="Odoo service without an HTTP health check on /web/health",
      kinds=["do-app-spec"], severity="warning", fix="safe", tags=["deploy", "hardening"], default_enabled=False,
      what="An Odoo service in a DO app spec with no `health_check`, with a `health_check` that has no "
           "`http_path` (DO then only opens a TCP connection), or with an `http_path` other than `/web/health` "
           "(for example `/web/login` or `/web/database/selector`).",
      why="A TCP check passes as soon as the port is open, so DO sends traffic to an Odoo that is still "
          "loading its registry; `/web/login` needs a database and redirects or fails while `/web/health` "
          "(auth='none', no database) answers 200 `{\"status\": \"pass\"}` once the HTTP server is up.",
      before="services:\n  - name: odoo\n    health_check:\n      http_path: /web/login",
      after="services:\n  - name: odoo\n    health_check:\n      http_path: /web/health",
      source=DOAPI + "app_service_spec_health_check.yml (`http_path`: \"If not set, the HTTP health check will be "
             "disabled and a TCP health check used instead\"); Odoo addons/web/controllers/home.py `/web/health` "
             "(16.0-19.0, auth='none')")
def health_check_path(ctx):
    base = _spec_path(ctx)
    for section, i, svc in components(ctx.tree, ("services",)):
        if not looks_like_odoo(svc):
            continue
        name = str_or_none(yt.get(svc, "name")) or f"services[{i}]"
        hc_key, hc = yt.get_pair(svc, "health_check")
        where = base + ["services", i]
        if hc is None or not yt.is_map(hc):
            anchor = yt.get(svc, "name") or svc
            ins = insert_key(ctx.source, svc, f"health_check:\n  http_path: {HEALTH_PATH}", ctx.newline)
            fix = None
            if hc is None and ins and edit_keeps(ctx.source, ins[0], ins[0], ins[1], where + ["health_check"],
                                                 lambda n: yt.scalar(yt.get(n, "http_path")) == HEALTH_PATH):
                fix = Fix((ctx.edit(ins[0], ins[0], ins[1]),), Applicability.SAFE,
                          f"Add `health_check.http_path: {HEALTH_PATH}`")
            yield Finding(yt.span(ctx.index, anchor),
                          f"Service '{name}' has no health check: DO only checks that the TCP port is open and "
                          f"sends traffic to an Odoo that is still starting; add `health_check: {{http_path: "
                          f"{HEALTH_PATH}}}`.", fix=fix)
            continue
        path_node = yt.get(hc, "http_path")
        if path_node is None:
            ins = insert_key(ctx.source, hc, f"http_path: {HEALTH_PATH}", ctx.newline)
            fix = None
            if ins and edit_keeps(ctx.source, ins[0], ins[0], ins[1], where + ["health_check", "http_path"],
                                  lambda n: yt.scalar(n) == HEALTH_PATH):
                fix = Fix((ctx.edit(ins[0], ins[0], ins[1]),), Applicability.SAFE,
                          f"Add `http_path: {HEALTH_PATH}`")
            yield Finding(yt.span(ctx.index, hc_key),
                          f"Service '{name}' health check has no `http_path`, so DO falls back to a TCP check that "
                          f"passes before Odoo can serve requests; add `http_path: {HEALTH_PATH}`.", fix=fix)
            continue
        value = yt.scalar(path_node)
        if value is None or str(value).split("?", 1)[0] == HEALTH_PATH:
            continue
        sp = yt.value_span(ctx.index, path_node)
        fix = Fix((ctx.edit(sp.start.offset, sp.end.offset, HEALTH_PATH),), Applicability.SAFE,
                  f"Use `{HEALTH_PATH}`") if path_node.style in (None, "", "'", '"') and "\n" not in str(value) \
            else None
        yield Finding(sp, f"Service '{name}' health check probes `{value}`, which depends on a database and "
                          f"sessions (redirects or 500s while Odoo starts or when the database is not "
                          f"selected); probe `{HEALTH_PATH}` instead.", fix=fix)


# --------------------------------------------------------------------------------------------------
_LIVENESS_RANGES = {"initial_delay_seconds": (0, 3600), "period_seconds": (1, 300), "timeout_seconds": (1, 120),
                    "success_threshold": (1, 1), "failure_threshold": (1, 50), "port": (1, 65535)}
_READINESS_RANGES = {"port": (1, 65535)}


@rule("DO103", "do-health-check-budget", summary="Health check value outside the range the DO API accepts",
      kinds=["do-app-spec"], severity="error", tags=["deploy"],
      what="`liveness_health_check` values outside the published limits (initial_delay_seconds 0-3600, "
           "period_seconds 1-300, timeout_seconds 1-120, success_threshold exactly 1, failure_threshold 1-50, "
           "port 1-65535), a `health_check.port` outside 1-65535, or a non-integer value.",
      why="The App Platform API rejects the spec, so `doctl apps update` / the deploy fails before anything runs.",
      before="liveness_health_check:\n  success_threshold: 3", after="liveness_health_check:\n  success_threshold: 1",
      source=DOAPI + "app_health_check_spec.yml (minimum/maximum of each field) and "
             "app_service_spec_health_check.yml (`port` 1-65535)")
def health_check_budget(ctx):
    for section, i, comp in components(ctx.tree, ("services", "workers")):
        name = str_or_none(yt.get(comp, "name")) or f"{section}[{i}]"
        for key, ranges in (("liveness_health_check", _LIVENESS_RANGES), ("health_check", _READINESS_RANGES)):
            hc = yt.get(comp, key)
            for field, kn, vn in yt.items(hc):
                if field not in ranges or not yt.is_scalar(vn):
                    continue
                lo, hi = ranges[field]
                raw = yt.to_python(vn)
                if isinstance(raw, bool) or not isinstance(raw, int):
                    yield Finding(yt.span(ctx.index, vn),
                                  f"'{name}' {key}.{field} must be an integer; the API rejects the spec.")
                elif not lo <= raw <= hi:
                    allowed = f"must be exactly {lo}" if lo == hi else f"must be within {lo}-{hi}"
                    yield Finding(yt.span(ctx.index, vn),
                                  f"'{name}' {key}.{field} = {raw} {allowed}: the API rejects the spec and the "
                                  f"deploy never starts.")


# --------------------------------------------------------------------------------------------------
_SECRET_KEY = re.compile(r"(?:^|_)(?:PG|DB|POSTGRES|SMTP|ADMIN|AWS|S3|SUPERSET|REDIS)?_?"
                         r"(?:PASS|PASSWD|PASSWORD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET_?KEY|"
                         r"CREDENTIALS?)(?:_|$)", re.I)


# `scheme://user:password@host`: a password in the userinfo of a URI (RFC 3986 3.2.1), whatever the key is called
_URI_PASSWORD = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@:\s]*:[^/?#@\s]+@")


def looks_secret(key: str) -> bool:
    return bool(_SECRET_KEY.search(key)) or key.upper().endswith("_KEY") and not key.upper().endswith(
        ("PUBLIC_KEY", "_ID_KEY"))


@rule("DO106", "do-secret-env-plaintext", summary="Secret-looking env var committed in plain text",
      kinds=["do-app-spec"], severity="error", fix="safe", tags=["security", "deploy"], security_severity=7.5,
      what="An `envs` entry whose key looks secret (PASSWORD, PGPASSWORD, SECRET, TOKEN, *_KEY, ...), or whose "
           "value is a URI with a password in it (`postgresql://odoo:pw@host/db` under any key), with a non-empty "
           "`value` that is neither an encrypted `EV[...]` value nor a bindable `${...}` reference: as `type: "
           "GENERAL` (the default; fixed by adding `type: SECRET`), and as `type: SECRET` with the plain value "
           "committed (no fix: the value has to leave the repository).",
      why="The value is committed to the repository and shown in clear text in the control panel; DO only "
          "encrypts values of `type: SECRET` (on first submission), and even then the committed spec keeps the "
          "plain value for anyone who can read the repository.",
      before="- key: PGPASSWORD\n  value: hunter2", after="- key: PGPASSWORD\n  value: hunter2\n  type: SECRET",
      source=DOAPI + "app_variable_definition.yml (`type` GENERAL|SECRET, default GENERAL; \"If the type is "
             "`SECRET`, the value will be encrypted on first submission\"). The `EV[` prefix of encrypted values "
             "is taken from exported specs, not from the API schema.")
def secret_env_plaintext(ctx):
    base = _spec_path(ctx)
    for section, i, comp in components(ctx.tree, ("services", "workers", "jobs")):
        name = str_or_none(yt.get(comp, "name")) or f"{section}[{i}]"
        for j, (key, item, value) in enumerate(env_items(comp)):
            text = yt.scalar(value)
            if text is None or not str(text).strip():
                continue
            text = str(text)
            in_uri = not looks_secret(key) and _URI_PASSWORD.search(text) is not None
            if not (looks_secret(key) or in_uri):
                continue
            if text.startswith("EV[") or "${" in text:
                continue
            type_node = yt.get(item, "type")
            what = f"env {key} (a URI with its password)" if in_uri else f"env {key}"
            if (yt.scalar(type_node) or "").upper() == "SECRET":
                # DO encrypts it on submission, but the repository keeps the plain value
                yield Finding(yt.span(ctx.index, yt.get(item, "key")),
                              f"'{name}' {what} is `type: SECRET` but its value is committed in plain text: DO "
                              f"encrypts it when the spec is submitted, the repository keeps it for anyone who can "
                              f"read it; commit the encrypted `EV[...]` value DO returns (`doctl apps spec get`) or "
                              f"set the value in the control panel, and rotate it.")
                continue
            where = base + [section, i, "envs", j, "type"]
            fix = None
            if type_node is not None and yt.is_scalar(type_node):
                sp = yt.value_span(ctx.index, type_node)
                fix = Fix((ctx.edit(sp.start.offset, sp.end.offset, "SECRET"),), Applicability.SAFE,
                          "Mark it `type: SECRET`")
            elif type_node is None:
                ins = insert_key(ctx.source, item, "type: SECRET", ctx.newline)
                if ins and edit_keeps(ctx.source, ins[0], ins[0], ins[1], where, lambda n: yt.scalar(n) == "SECRET"):
                    fix = Fix((ctx.edit(ins[0], ins[0], ins[1]),), Applicability.SAFE, "Add `type: SECRET`")
            yield Finding(yt.span(ctx.index, yt.get(item, "key")),
                          f"'{name}' {what} is committed in plain text (type GENERAL): it is visible to anyone "
                          f"with the repository or the control panel; set `type: SECRET` and rotate the value.",
                          fix=fix)


# --------------------------------------------------------------------------------------------------
_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$")
_ENV_KEY_RE = re.compile(r"^[_A-Za-z][_A-Za-z0-9]*$")
_SLUGS = {"apps-s-1vcpu-0.5gb", "apps-s-1vcpu-1gb-fixed", "apps-s-1vcpu-1gb", "apps-s-1vcpu-2gb", "apps-s-2vcpu-4gb",
          "apps-d-1vcpu-0.5gb", "apps-d-1vcpu-1gb", "apps-d-1vcpu-2gb", "apps-d-1vcpu-4gb", "apps-d-2vcpu-4gb",
          "apps-d-2vcpu-8gb", "apps-d-4vcpu-8gb", "apps-d-4vcpu-16gb", "apps-d-8vcpu-32gb"}
_OLD_SLUGS = {"basic-xxs", "basic-xs", "basic-s", "basic-m", "professional-xs", "professional-s", "professional-m",
              "professional-1l", "professional-l", "professional-xl"}
_ENUMS = {"scope": {"UNSET", "RUN_TIME", "BUILD_TIME", "RUN_AND_BUILD_TIME"}, "type": {"GENERAL", "SECRET"}}
_REGISTRY_TYPES = {"DOCKER_HUB", "DOCR", "GHCR"}
_PROTOCOLS = {"HTTP", "HTTP2"}
W = Severity.WARNING


@rule("DO107", "do-spec-schema", summary="App spec value the DO API rejects, or a silent-deploy trap",
      kinds=["do-app-spec"], severity="error", tags=["deploy"],
      what="Errors: component or app `name` not matching `^[a-z][a-z0-9-]{0,30}[a-z0-9]$`, env `key` not matching "
           "`^[_A-Za-z][_A-Za-z0-9]*$`, unknown `scope`/`type`/`registry_type`/`protocol`/`instance_size_slug`, "
           "`http_port` outside 1-65535, `image.tag` together with `image.digest`. Warnings: deprecated "
           "`basic-*`/`professional-*` slugs, an image with no `tag` (DO pulls `latest`) or tag `latest`, "
           "`deploy_on_push` on a DOCKER_HUB or GHCR image.",
      why="The API rejects invalid specs; `latest` upgrades Odoo or Postgres clients on any redeploy; "
          "`deploy_on_push` only works for DOCR images, so pushes to Docker Hub/GHCR silently deploy nothing.",
      before="image:\n  registry_type: DOCKER_HUB\n  repository: odoo", after="image:\n  registry_type: DOCKER_HUB\n"
             "  repository: odoo\n  tag: \"17.0\"",
      source=DOAPI + "app_component_base.yml, app_variable_definition.yml, apps_image_source_spec.yml (tag "
             "\"Defaults to `latest`\", deploy_on_push \"Can only be used for images hosted in DOCR\"), "
             "app_component_instance_base.yml (slugs), app_service_spec.yml (http_port, protocol), app_spec.yml")
def spec_schema(ctx):
    root = spec_root(ctx.tree)
    if root is None:
        return
    idx = ctx.index
    app_name = yt.get(root, "name")
    if yt.is_scalar(app_name) and not _NAME_RE.match(str(app_name.value)):
        yield Finding(yt.span(idx, app_name), f"App name '{app_name.value}' does not match "
                                              f"^[a-z][a-z0-9-]{{0,30}}[a-z0-9]$; the API rejects the spec.")
    for section in ("services", "workers", "jobs", "static_sites", "functions", "databases"):
        for i, comp in enumerate(yt.seq(yt.get(root, section))):
            if not yt.is_map(comp):
                continue
            name_node = yt.get(comp, "name")
            name = str_or_none(name_node) or f"{section}[{i}]"
            if yt.is_scalar(name_node) and not _NAME_RE.match(str(name_node.value)):
                yield Finding(yt.span(idx, name_node), f"Component name '{name}' does not match "
                                                       f"^[a-z][a-z0-9-]{{0,30}}[a-z0-9]$; the API rejects the spec.")
            yield from _component_schema(ctx, comp, name)


def _component_schema(ctx, comp, name):
    idx = ctx.index
    for key, item, _ in env_items(comp):
        kn = yt.get(item, "key")
        if not _ENV_KEY_RE.match(key):
            yield Finding(yt.span(idx, kn), f"'{name}' env key '{key}' is not a valid variable name "
                                            f"(^[_A-Za-z][_A-Za-z0-9]*$); the API rejects the spec.")
        for field, allowed in _ENUMS.items():
            vn = yt.get(item, field)
            if yt.is_scalar(vn) and str(vn.value) not in allowed:
                yield Finding(yt.span(idx, vn), f"'{name}' env {key}: {field} '{vn.value}' is not one of "
                                                f"{', '.join(sorted(allowed))}; the API rejects the spec.")
    slug = yt.get(comp, "instance_size_slug")
    if yt.is_scalar(slug):
        value = str(slug.value)
        if value in _OLD_SLUGS:
            yield Finding(yt.span(idx, slug), f"'{name}' instance_size_slug '{value}' is deprecated; use an "
                                              f"apps-s-*/apps-d-* slug.", severity=W)
        elif value not in _SLUGS:
            yield Finding(yt.span(idx, slug), f"'{name}' instance_size_slug '{value}' is not a DO App Platform "
                                              f"size; the API rejects the spec.")
    port = yt.get(comp, "http_port")
    if yt.is_scalar(port):
        raw = yt.to_python(port)
        if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 65535:
            yield Finding(yt.span(idx, port), f"'{name}' http_port {port.value!r} is not an integer in 1-65535; "
                                              f"the API rejects the spec.")
    proto = yt.get(comp, "protocol")
    if yt.is_scalar(proto) and str(proto.value) not in _PROTOCOLS:
        yield Finding(yt.span(idx, proto), f"'{name}' protocol '{proto.value}' is not HTTP or HTTP2; the API "
                                           f"rejects the spec.")
    image = yt.get(comp, "image")
    if not yt.is_map(image):
        return
    rt = yt.get(image, "registry_type")
    rtype = str_or_none(rt)
    if rt is not None and rtype not in _REGISTRY_TYPES:
        yield Finding(yt.span(idx, rt), f"'{name}' image.registry_type '{rtype}' is not DOCKER_HUB, DOCR or GHCR; "
                                        f"the API rejects the spec.")
    tag_key, tag = yt.get_pair(image, "tag")
    digest_key, digest = yt.get_pair(image, "digest")
    if tag is not None and digest is not None:
        yield Finding(yt.span(idx, digest_key), f"'{name}' image sets both tag and digest; the API accepts only "
                                                f"one of them.")
    elif tag is None and digest is None:
        anchor = yt.get_pair(comp, "image")[0]
        yield Finding(yt.span(idx, anchor), f"'{name}' image has no tag, so DO deploys `latest`: the next "
                                            f"redeploy can pull a new major; pin a tag or digest.", severity=W)
    elif yt.is_scalar(tag) and str(tag.value) == "latest":
        yield Finding(yt.span(idx, tag), f"'{name}' image tag `latest` changes under you on any redeploy; pin a "
                                         f"version tag or digest.", severity=W)
    dop = yt.get(yt.get(image, "deploy_on_push"), "enabled")
    if yt.is_scalar(dop) and yt.to_python(dop) is True and rtype in ("DOCKER_HUB", "GHCR"):
        yield Finding(yt.span(idx, dop), f"'{name}' deploy_on_push only works for DOCR images; pushes to "
                                         f"{rtype} never trigger a deploy.", severity=W)


# --------------------------------------------------------------------------------------------------
@rule("DO109", "do-yaml-python-tag", summary="`!!python/...` tag in a DO app spec",
      kinds=["do-app-spec"], severity="error", tags=["security", "correctness"],
      what="Every `!!python/...` tag (`!!python/object/apply:os.system`, `!!python/name:...`) in an app spec. The "
           "spec is composed with PyYAML's safe composer, so the tag is reported and never constructed.",
      why="`doctl apps create/update --spec` rejects the tag, so the deploy never happens; and any tool that loads "
          "the file with an unsafe Python YAML loader would run the code it names.",
      before="run_command: !!python/object/apply:os.system ['id']", after="run_command: odoo",
      source="PyYAML documentation (python/* tags are only constructed by the unsafe loaders); " + DOAPI +
             "app_spec.yml (plain strings, integers and objects only)")
def yaml_python_tag(ctx):
    from odoolint.sources.yamltree import PY_TAG, python_tags
    for node in python_tags(ctx.tree):
        yield Finding(ctx.span(node.start_mark.index, node.start_mark.index),
                      f"YAML tag `!!python/{node.tag[len(PY_TAG):]}` names Python code: DO rejects the spec and an "
                      f"unsafe YAML loader would execute it; replace it with a plain value.")
