"""Which conf the container really loads, and build contexts: DF105, DEP103, DEP104."""
from __future__ import annotations

import os
import posixpath

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import Applicability, Edit, Finding, Fix, Span
from odoolint.registry import rule

from .deploy_model import OdooService, model


def _rel(project, path: str) -> str:
    try:
        return os.path.relpath(path, project.root)
    except ValueError:
        return path


def _origin(o: OdooService) -> str:
    return {"command": "`-c` in its command", "ODOO_RC": "its `ODOO_RC`",
            "image default": "the official image's `ODOO_RC`"}.get(o.conf_origin, o.conf_origin)


def _where(o: OdooService) -> str:
    if o.platform == "do":
        return f"DigitalOcean component `{o.name}`"
    if o.platform == "image":
        return "this image"
    return f"service `{o.name}`"


# ---- DF105 -----------------------------------------------------------------------------------

@rule("DF105", "dockerfile-missing-dockerignore", summary="Build context without a .dockerignore",
      kinds=["dockerfile"], severity="warning", project=True, tags=["deploy", "security", "hardening"], default_enabled=False,
      what="Reports a Dockerfile whose build context (the compose `build.context` or DO `source_dir` that uses "
           "it, else its own folder) has neither `.dockerignore` nor `<Dockerfile>.dockerignore`. Reported only "
           "when odoolint scanned that folder (another file of it was linted), so a Dockerfile linted alone is "
           "never reported on a guess.",
      why="Without it `docker build` sends the whole folder to the daemon: `.git`, filestore dumps, database "
          "backups, `.env` files and `node_modules` make builds slow and end up in image layers with `COPY . .`.",
      before="project/\n  Dockerfile\n  .git/\n  backups/prod.dump",
      after="project/.dockerignore:\n.git\n**/__pycache__\n*.dump\n.env\nnode_modules",
      source="Docker build reference ('.dockerignore file', '<Dockerfile>.dockerignore' with BuildKit)")
def missing_dockerignore(project):
    m = model(project)
    ignore_names = {os.path.normpath(f.path) for f in project.files if f.kind == "dockerignore"}
    scanned_dirs = {os.path.dirname(f.path) for f in project.files if f.kind not in ("dockerfile", "dockerignore")}
    for img in m.images:
        if img.has_dockerignore or os.path.normpath(img.path + ".dockerignore") in ignore_names:
            continue
        ctx = os.path.normpath(img.context)
        if not any(d == ctx or d.startswith(ctx + os.sep) for d in scanned_dirs):
            continue
        sd = (img.facts.get("_spans") or {}).get("from")
        if not sd:
            continue
        yield Finding(Span.from_dict(sd),
                      f"Build context `{_rel(project, ctx) or '.'}` has no .dockerignore: `docker build` sends "
                      f"everything in it (.git, backups, .env, node_modules) to the daemon and `COPY . .` bakes it "
                      f"into the image; add a .dockerignore listing at least .git, .env, *.dump and __pycache__",
                      path=img.path)


# ---- DEP103 ----------------------------------------------------------------------------------

def provided_confs(o: OdooService, confs: dict) -> Iterator[tuple[str, str, str, Optional[Span]]]:
    """(conf host path, container path, report file, span) of every project odoo.conf the container gets."""
    compose_dir = os.path.dirname(o.path)
    for vol in o.facts.get("volumes") or []:
        if vol.get("type") != "bind" or not vol.get("source") or "$" in vol["source"] or vol["source"][:1] == "~":
            continue
        host = os.path.normpath(os.path.join(compose_dir, vol["source"]))
        target = posixpath.normpath(vol.get("target") or "")
        span = Span.from_dict(vol["span"]) if vol.get("span") else None
        for conf in confs:
            if conf == host:
                yield conf, target, o.path, span
            elif conf.startswith(host + os.sep):
                yield conf, posixpath.join(target, os.path.relpath(conf, host).replace(os.sep, "/")), o.path, span
    if o.dockerfile is not None:
        img = o.dockerfile
        last = len(img.facts.get("stages") or []) - 1
        spans = (img.facts.get("_spans") or {}).get("copies") or []
        for i, cp in enumerate(img.facts.get("copies") or []):
            if cp.get("stage") != last or cp.get("from") or not str(cp.get("dest", "")).startswith("/"):
                continue
            dest = cp["dest"]
            srcs = cp.get("src") or []
            span = Span.from_dict(spans[i]) if i < len(spans) else None
            for src in srcs:
                host = os.path.normpath(os.path.join(img.context, src))
                for conf in confs:
                    if conf == host:
                        target = posixpath.join(dest, posixpath.basename(src)) if dest.endswith("/") or \
                            len(srcs) > 1 else dest
                    elif conf.startswith(host + os.sep):
                        target = posixpath.join(dest, os.path.relpath(conf, host).replace(os.sep, "/"))
                    else:
                        continue
                    yield conf, posixpath.normpath(target), img.path, span


@rule("DEP103", "odoo-config-not-loaded",
      summary="An odoo.conf is mounted or copied where Odoo does not read it", kinds=["compose", "dockerfile"],
      severity="error", project=True, tags=["deploy"], aliases=["dockerfile-odoo-conf-path"],
      what="For each container that runs Odoo (compose service, DO component, or a Dockerfile nothing else "
           "runs): when the conf it loads (`-c`, `ODOO_RC`, else the official `/etc/odoo/odoo.conf`) is not one of "
           "the project's odoo.conf files, reports every project odoo.conf that a bind mount or a `COPY` puts at "
           "another path in that container.",
      why="Odoo reads exactly one file; one placed anywhere else is silently unused (RawConfigParser.read skips "
          "a missing file), so its database, addons path, workers and admin password never apply.",
      before="COPY ./odoo.prod.conf /etc/odoo/prod.conf\n# no -c, ODOO_RC=/etc/odoo/odoo.conf",
      after="COPY ./odoo.prod.conf /etc/odoo/odoo.conf",
      source="odoo/tools/config.py `load` (16.0-18.0) / `_load_file_options` (19.0): `p.read([rcfile])`, "
             "IOError and NoSectionError ignored; odoo/docker@f7f6765 Dockerfile `ENV ODOO_RC=/etc/odoo/odoo.conf`")
def config_not_loaded(project):
    m = model(project)
    seen = set()
    for o in m.odoo_services():
        if not o.conf_path or o.conf is not None or o.conf_source in ("volume",):
            continue
        loaded = posixpath.normpath(o.conf_path)
        for conf, target, path, span in provided_confs(o, m.confs):
            if target == loaded or span is None or (path, span.start.offset, conf) in seen:
                continue
            seen.add((path, span.start.offset, conf))
            yield Finding(span, f"`{_rel(project, conf)}` reaches {_where(o)} as `{target}`, but Odoo loads "
                                f"`{loaded}` ({_origin(o)}): every setting in it is silently unused; put it at "
                                f"`{loaded}` or pass `-c {target}`", path=path)


# ---- DEP104 ----------------------------------------------------------------------------------

@rule("DEP104", "dockerfile-config-not-in-image",
      summary="Odoo is told to load a conf that no mount or COPY provides", kinds=["compose", "dockerfile",
                                                                                  "do-app-spec"],
      severity="error", project=True, tags=["deploy"],
      what="Reports a container told to load a conf with `-c PATH` or `ODOO_RC` (compose command/environment, "
           "Dockerfile CMD/ENV, DO `run_command`/`envs`) when no bind mount, volume or final-stage COPY puts "
           "anything at PATH (DigitalOcean App Platform has no volumes at all).",
      why="With `-c`, Odoo stops at start: 'The config file … selected with -c/--config doesn't exist or is not "
          "readable' (crash loop). Through `ODOO_RC` it does not fail: RawConfigParser.read skips the missing file "
          "and Odoo starts on its defaults (default admin password, no extra addons path, database manager open), "
          "so the deployment silently differs from the file in the repository.",
      before="CMD [\"odoo\", \"-c\", \"/etc/odoo/prod.conf\"]\n# and no COPY of prod.conf",
      after="COPY ./config/prod.conf /etc/odoo/prod.conf\nCMD [\"odoo\", \"-c\", \"/etc/odoo/prod.conf\"]",
      source="odoo/tools/config.py `_parse_config` (17.0 `die(... not os.access(opt.config, os.R_OK))`, 19.0 "
             "`parser.error`) for -c; `load` (16.0-18.0) / `_load_file_options` (19.0) ignore a missing ODOO_RC "
             "file; DigitalOcean App Platform limits (no persistent volumes)")
def config_not_in_image(project):
    m = model(project)
    seen = set()
    for o in m.odoo_services():
        if o.conf_source != "missing" or o.conf_origin not in ("command", "ODOO_RC"):
            continue
        if not o.official:
            # a custom entrypoint may write the conf at start (`odoo --save`, templating): only judge images
            # whose start-up is known, or Dockerfiles with no ENTRYPOINT and no RUN that names the file
            df = o.dockerfile.facts if o.dockerfile else None
            if df is None or df.get("_any_entrypoint") or o.facts.get("_entrypoint") or \
                    any(o.conf_path in str(r) for r in df.get("_runs") or []):
                continue
        span, path = _origin_span(o)
        if span is None or (path, span.start.offset) in seen:
            continue
        seen.add((path, span.start.offset))
        how = {"compose": "no volume mounts it", "do": "App Platform has no volumes"}.get(
            o.platform, "no compose file or app spec in the project mounts it")
        if o.conf_origin == "command":
            effect = ("Odoo refuses to start ('The config file … selected with -c/--config doesn't exist or is "
                      "not readable')")
        else:
            effect = "Odoo silently starts on its defaults"
        yield Finding(span, f"{_where(o).capitalize() if o.platform == 'image' else _where(o)} is told to load "
                            f"`{o.conf_path}` ({_origin(o)}) but no COPY puts it in the image and {how}: {effect}; "
                            f"COPY the conf to `{o.conf_path}`", path=path)


def _origin_span(o: OdooService) -> tuple[Optional[Span], str]:
    loc = o.facts.get("_loc") or {}
    if o.conf_origin == "ODOO_RC":
        ev = o.env_sources.get("ODOO_RC")
        if ev is not None and (ev.key_span or ev.span):
            return ev.key_span or ev.span, ev.path
        if o.dockerfile is not None:
            sd = ((o.dockerfile.facts.get("_spans") or {}).get("env") or {}).get("ODOO_RC")
            if sd:
                return Span.from_dict(sd), o.dockerfile.path
    if o.conf_origin == "command":
        if loc.get("command"):
            return Span.from_dict(loc["command"]), o.path
        if o.dockerfile is not None and o.facts.get("command") in (None, "", []):
            sd = (o.dockerfile.facts.get("_spans") or {}).get("cmd")
            if sd:
                return Span.from_dict(sd), o.dockerfile.path
    sd = o.facts.get("span")
    if sd:
        return Span.from_dict(sd), o.path
    if o.dockerfile is not None:
        sd = (o.dockerfile.facts.get("_spans") or {}).get("from")
        if sd:
            return Span.from_dict(sd), o.dockerfile.path
    return None, o.path


# ---- DEP117 ----------------------------------------------------------------------------------

@rule("DEP117", "odoo-image-version-target", summary="The Odoo image's major is not the target version",
      kinds=["compose", "dockerfile"], severity="error", project=True, tags=["deploy", "migration"], fix="unsafe",
      what="When the target Odoo version is given explicitly (`--odoo-version` or `odoo-version` in the "
           "configuration), reports each compose `image: odoo:<major>` and Dockerfile `FROM odoo:<major>` of another "
           "major. Targets detected from manifests are already compared with image tags by OL002. The unsafe fix "
           "rewrites the tag's major (`odoo:17.0` -> `odoo:19.0`).",
      why="The addons are checked (and migrated) for the target, but the stack would keep running the old server: "
          "a 19.0 module is not installable on 17.0, and a database upgraded by 19.0 cannot be opened by the 17.0 "
          "image. Bumping the image is part of the upgrade, together with the database migration.",
      before="odoolint check --odoo-version 19.0\nservices:\n  web:\n    image: odoo:17.0",
      after="services:\n  web:\n    image: odoo:19.0",
      source="odoo/modules/module.py (17.0/18.0 `adapt_version` refuses other series; 19.0 marks them "
             "uninstallable); odoo/docker@f7f6765 publishes one image per major (`odoo:17.0`, `odoo:18.0`, "
             "`odoo:19.0`).")
def image_version_target(project):
    target = project.target
    if target is None or project.target_origin not in ("cli", "config"):
        return
    for pf, data in project.facts("compose"):
        for name, svc in (data.get("services") or {}).items():
            if not isinstance(svc, dict):
                continue
            yield from _image_finding(svc.get("image"), svc.get("image_span"), target, pf.path,
                                      f"service `{name}`")
    for pf, data in project.facts("dockerfile"):
        for stage in data.get("stages") or []:
            span = stage.get("_base_span") if isinstance(stage, dict) else None
            if span:
                yield from _image_finding(stage.get("base"), span, target, pf.path, "this Dockerfile")


def _image_finding(image, span, target, path: str, where: str):
    from .deploy_model import is_official_odoo, odoo_major

    if not image or not span or not is_official_odoo(image):
        return
    major = odoo_major(image)
    if major is None or major == target.major:
        return
    sp = Span.from_dict(span)
    text = str(image)
    repo, _, tag = text.rpartition(":")
    new_tag = tag.replace(str(major), str(target.major), 1)
    fix = None
    if sp.end.offset - sp.start.offset == len(text) and new_tag != tag:
        fix = Fix((Edit(sp, f"{repo}:{new_tag}"),), Applicability.UNSAFE,
                  f"Use `{repo}:{new_tag}` (and migrate the database)")
    yield Finding(sp, f"{where} runs the Odoo {major} image but the target is {target}: the addons are checked "
                      f"for {target} while {major} would run them, and a database upgraded by {target.major} cannot "
                      f"be opened by {major}; switch the image to `{repo}:{new_tag}` together with the database "
                      f"upgrade", fix=fix, path=path)
