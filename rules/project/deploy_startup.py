"""Compose stacks that `docker compose up` refuses, or whose health checks can never pass: DC108-DC110.

Read on the merged stack (base + override, or the files `COMPOSE_FILE` names), the way `docker compose config`
sees it (compose-spec 13-merge.md; compose-go loader). A stack with an overlay fragment (a service with neither
`image` nor `build`, or one using `extends`) is incomplete and only judged on what it declares itself.
"""
from __future__ import annotations

import os
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Finding, Span
from odoolint.registry import rule

from .deploy_model import model
from .images import is_known_postgres, service_image


def _span(d) -> Optional[Span]:
    return Span.from_dict(d) if d else None


def _complete(stack) -> bool:
    """Every service says what it runs, and the files are ones compose reads as a project (a YAML named
    otherwise, `proxy.yaml`, is an overlay that someone passes with `-f` next to a base)."""
    import os
    if not os.path.basename(stack.files[0]).startswith(("compose", "docker-compose")):
        return False
    return all((s.facts.get("image") or s.facts.get("build")) and not s.facts.get("_extends")
               for s in stack.services.values())


def _has_healthcheck(svc) -> Optional[bool]:
    """True / False when known; None when the image may bring its own HEALTHCHECK (unknown image)."""
    hc = svc.facts.get("healthcheck")
    if hc is not None:
        return hc.get("test") not in (["NONE"], [])
    if svc.dockerfile is not None:
        return bool((svc.dockerfile.facts.get("_spans") or {}).get("healthcheck"))
    image = svc.facts.get("_image_resolved") or svc.image or ""
    if service_image(svc) is not None or is_known_postgres(image):
        return False            # the tabled images ship no HEALTHCHECK (rules/project/images.py)
    return None


@rule("DC108", "compose-depends-on-healthcheck-missing",
      summary="`condition: service_healthy` on a service that has no healthcheck",
      kinds=["compose"], severity="error", project=True, tags=["deploy", "correctness"],
      what="Reports a `depends_on` entry with `condition: service_healthy` whose service has no healthcheck: "
           "none in the compose file (or `disable: true`) and none in the image (a Dockerfile of the project "
           "without HEALTHCHECK, or an image of the table in rules/project/images.py: official odoo, doodba, "
           "bitnami, postgres, postgis). Images whose HEALTHCHECK is unknown are not judged.",
      why="Compose waits for the container to report healthy; a container without a healthcheck never does, and "
          "`docker compose up` stops with \"dependency failed to start: container ... has no healthcheck "
          "configured\". Nothing in the stack starts.",
      before="odoo:\n  depends_on:\n    db:\n      condition: service_healthy\ndb:\n  image: postgres:16",
      after="db:\n  image: postgres:16\n  healthcheck:\n    test: [\"CMD-SHELL\", \"pg_isready -U odoo\"]",
      source="compose-spec 05-services.md `depends_on` (service_healthy: \"expected to be healthy, as indicated "
             "by healthcheck\"); docker/compose pkg/compose/convergence.go (\"has no healthcheck configured\")")
def healthy_without_healthcheck(project):
    seen = set()
    for stack in model(project).stacks:
        for svc in stack.services.values():
            loc = svc.facts.get("_loc") or {}
            for name, dep in (svc.facts.get("depends_on") or {}).items():
                other = stack.services.get(name)
                if other is None or (dep or {}).get("condition") != "service_healthy":
                    continue
                if _has_healthcheck(other) is not False:
                    continue
                path = loc.get("depends_on_path") or svc.path
                span = _span((loc.get("depends_on_conditions") or {}).get(name)) or _span(loc.get("depends_on")) \
                    or svc.span
                if span is None or (path, span.start.offset) in seen:
                    continue
                seen.add((path, span.start.offset))
                yield Finding(span, f"Service `{svc.name}` waits for `{name}` to be healthy but `{name}` has no "
                                    f"healthcheck: `docker compose up` stops with 'dependency failed to start: "
                                    f"container has no healthcheck configured'; give `{name}` a healthcheck"
                                    + (" (`pg_isready -U <user>`)" if other.facts.get("is_postgres") else ""),
                              path=path)


@rule("DC109", "compose-depends-on-unknown-service", summary="`depends_on` names a service the stack does not have",
      kinds=["compose"], severity="error", project=True, tags=["deploy", "correctness"],
      what="Reports a `depends_on` entry naming no service of the merged stack, and one of a service that a plain "
           "`docker compose up` starts (no `profiles`, or one that `COMPOSE_PROFILES` in the folder's `.env` "
           "enables) naming a service that only runs under a profile that is not enabled. Stacks with an overlay "
           "fragment or `extends` (whose services come from elsewhere), files not named as compose project files "
           "(`proxy.yaml`, passed with `-f` beside a base) and entries with `required: false` are not judged.",
      why="Compose refuses the whole project: `service \"odoo\" depends on undefined service \"postgres\": invalid "
          "compose project`. A renamed database service is the usual cause. A service disabled by its profile is "
          "undefined for this check too: compose-go applies the profiles before it checks the model, so a "
          "database moved under `profiles: [local]` stops every `docker compose up` run without `--profile local`.",
      before="services:\n  odoo:\n    depends_on: [postgres]\n  db:\n    image: postgres:16",
      after="services:\n  odoo:\n    depends_on: [db]\n  db:\n    image: postgres:16",
      source="compose-spec 05-services.md `depends_on` (`required`, default true), 15-profiles.md (a reference "
             "to a service its profiles disable is an error); compose-go v2 loader/loader.go (`WithProfiles` "
             "before `checkConsistency`), loader/validate.go `checkConsistency` (a disabled dependency is skipped "
             "only when `required: false`; else \"depends on undefined service\")")
def depends_on_unknown(project):
    seen = set()
    for stack in model(project).stacks:
        if not _complete(stack):
            continue
        for svc in stack.services.values():
            loc = svc.facts.get("_loc") or {}
            for name, dep in (svc.facts.get("depends_on") or {}).items():
                if name in stack.services or (dep or {}).get("required") is False or "$" in name:
                    continue
                path = loc.get("depends_on_path") or svc.path
                span = _span(loc.get("depends_on")) or svc.span
                if span is None or (path, span.start.offset, name) in seen:
                    continue
                seen.add((path, span.start.offset, name))
                known = ", ".join(f"`{n}`" for n in sorted(stack.services))
                yield Finding(span, f"Service `{svc.name}` depends on `{name}`, which is no service of this stack "
                                    f"({known}): compose refuses to start the project (\"depends on undefined "
                                    f"service\"); name an existing service", path=path)
            for name, dep in (svc.facts.get("depends_on") or {}).items():
                other = stack.services.get(name)
                if other is None or (dep or {}).get("required") is False or not stack.runs_by_default(svc) or \
                        stack.runs_by_default(other):
                    continue
                path = loc.get("depends_on_path") or svc.path
                span = _span(loc.get("depends_on")) or svc.span
                if span is None or (path, span.start.offset, name) in seen:
                    continue
                seen.add((path, span.start.offset, name))
                prof = other.profiles[0]
                yield Finding(span, f"Service `{svc.name}` runs without a profile but depends on `{name}`, which only "
                                    f"runs under profile " + " / ".join(f"`{p}`" for p in other.profiles) +
                                    f": a `docker compose up` without `--profile {prof}` refuses the project "
                                    f"(\"depends on undefined service\"); give `{svc.name}` the same profile, "
                                    f"enable it in `.env` (`COMPOSE_PROFILES={prof}`), or mark the dependency "
                                    f"`required: false`", path=path)


_TOOL = re.compile(r"(?:^|[\s;&|(\"'])(curl|wget)(?=\s)")


@rule("DC110", "compose-healthcheck-tool-missing", summary="Healthcheck runs a tool the image does not ship",
      kinds=["compose"], severity="error", project=True, tags=["deploy", "correctness"],
      what="Reports a healthcheck whose test runs `curl` or `wget` in a container whose image (pulled as is, "
           "not built by the project) is known not to ship it: the official odoo image has curl but no wget; "
           "postgres, postgis and bitnami/postgresql have neither (rules/project/images.py).",
      why="The test fails with \"executable file not found\" on every try, so the container is never healthy: "
          "services waiting on it never start and orchestrators restart it in a loop.",
      before="odoo:\n  image: odoo:17.0\n  healthcheck:\n    test: [\"CMD\", \"wget\", \"-qO-\", "
             "\"http://localhost:8069/web/health\"]",
      after="odoo:\n  image: odoo:17.0\n  healthcheck:\n    test: [\"CMD\", \"curl\", \"-fsS\", "
            "\"http://localhost:8069/web/health\"]",
      source="odoo/docker@f7f6765 17.0-19.0 Dockerfile (apt-get install curl; no wget); docker-library/postgres "
             "Dockerfile (no curl, wget); compose-spec 05-services.md `healthcheck`")
def healthcheck_tool_missing(project):
    seen = set()        # a base service and the services extending it share the deciding line: report it once
    for stack in model(project).stacks:
        for svc in stack.services.values():
            image = svc.facts.get("_image_resolved")
            if svc.dockerfile is not None or not image:
                continue
            row = service_image(svc)
            tools = row.tools if row is not None else frozenset() if is_known_postgres(image) else None
            if tools is None:
                continue
            for item in (svc.facts.get("_loc") or {}).get("healthcheck_test") or []:
                m = _TOOL.search(" " + (item.get("text") or "") + " ")
                if not m or m.group(1) in tools:
                    continue
                span = _span(item.get("span")) or svc.span
                where = (item.get("path") or svc.path, span.start.offset) if span is not None else None
                if span is None or where in seen:
                    continue
                seen.add(where)
                has = f"it has {', '.join(sorted(tools))}" if tools else "it has neither curl nor wget"
                yield Finding(span, f"The healthcheck of `{svc.name}` runs `{m.group(1)}`, which image "
                                    f"`{image}` does not ship ({has}): the check never passes and the "
                                    f"container stays unhealthy", path=item.get("path") or svc.path)
                break


_REMOTE_CONTEXT = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@|github\.com/)|\.git(?:#.*)?$", re.I)


@rule("DC111", "compose-build-dockerfile-missing", summary="`build:` names a folder that has no Dockerfile",
      kinds=["compose"], severity="error", project=True, tags=["deploy", "correctness"],
      what="Reports a service whose `build` context is a folder of the project that exists but holds no "
           "Dockerfile (the `dockerfile:` it names, default `Dockerfile`; the lowercase `dockerfile` is accepted "
           "as docker's CLI accepts it). Remote contexts (git URLs), `dockerfile_inline`, contexts outside the "
           "project and folders that do not exist (a script may create them) are not judged. The file is looked "
           "up on disk, so a Dockerfile that .gitignore hides from the linter still counts.",
      why="`docker compose build` / `up` stops before building anything: \"failed to read dockerfile: open "
          "Dockerfile: no such file or directory\"; a moved or renamed Dockerfile is the usual cause.",
      before="services:\n  odoo:\n    build: ./odoo   # odoo/ has Dockerfile.prod only",
      after="services:\n  odoo:\n    build:\n      context: ./odoo\n      dockerfile: Dockerfile.prod",
      source="compose-spec build.md (`context`, `dockerfile` relative to the context, default `Dockerfile`); "
             "docker/cli cli/command/image/build (lowercase `dockerfile` fallback)")
def build_dockerfile_missing(project):
    root = os.path.abspath(str(project.root))
    seen = set()
    for stack in model(project).stacks:
        for svc in stack.services.values():
            b = svc.facts.get("build")
            if not isinstance(b, dict) or b.get("_inline"):
                continue
            context = b.get("context") or "."
            if "$" in context or _REMOTE_CONTEXT.search(context):
                continue
            ctx_dir = os.path.normpath(os.path.join(os.path.dirname(svc.path), context))
            if not (ctx_dir == root or ctx_dir.startswith(root + os.sep)) or not os.path.isdir(ctx_dir):
                continue
            name = b.get("dockerfile") or "Dockerfile"
            if "$" in name:
                continue
            path = name if os.path.isabs(name) else os.path.join(ctx_dir, name)
            if os.path.exists(path) or (name == "Dockerfile" and os.path.exists(os.path.join(ctx_dir, "dockerfile"))):
                continue
            span = _span((svc.facts.get("_loc") or {}).get("build")) or svc.span
            where = ((svc.facts.get("_loc") or {}).get("build_path") or svc.path, span.start.offset if span else 0)
            if span is None or where in seen:
                continue
            seen.add(where)
            where_path = (svc.facts.get("_loc") or {}).get("build_path") or svc.path
            rel = os.path.relpath(path, os.path.dirname(svc.path))
            yield Finding(span, f"Service `{svc.name}` builds from `{context}`, which has no `{name}` (looked for "
                                f"{rel}): `docker compose build` stops with 'failed to read dockerfile: no such "
                                f"file or directory'; point `dockerfile:` at the file or add it", path=where_path)
