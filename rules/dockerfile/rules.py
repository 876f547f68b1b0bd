"""Dockerfile rules that are specific to Odoo images (RULES.md §7.4, Part C). Generic hygiene is hadolint's."""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Finding, Severity
from odoolint.registry import rule

from .facts import parse_env

_ODOO_OFFICIAL = re.compile(r"^(?:docker\.io/)?(?:library/)?odoo(?::(?P<tag>[^@\s]+))?(?:@\S+)?$", re.I)


def resolved_base(tree, index: int, _depth: int = 0) -> str:
    """Base image of a stage, following `FROM <earlier stage>` chains."""
    if index >= len(tree.stages) or _depth > 20:
        return ""
    base = tree.stages[index].base
    for s in tree.stages[:index]:
        if s.name and s.name.lower() == base.lower():
            return resolved_base(tree, s.index, _depth + 1)
    return base


def odoo_base_major(base: str) -> Optional[int]:
    """Major of an official `odoo:<tag>` base; 0 when untagged/latest; None when not the official image."""
    m = _ODOO_OFFICIAL.match(base.strip())
    if not m:
        return None
    tag = m.group("tag")
    if not tag or tag == "latest":
        return 0
    mm = re.match(r"^(\d{1,2})", tag)
    return int(mm.group(1)) if mm else None


def _token_span(ctx, ins, pattern: re.Pattern):
    """Span of the first match of `pattern` inside the instruction's text, else the instruction keyword."""
    text = ctx.source[ins.start:ins.end]
    m = pattern.search(text)
    if m:
        return ctx.span(ins.start + m.start(), ins.start + m.end())
    return ctx.span(ins.start, ins.start + len(ins.instruction))


# ---- DF101 -----------------------------------------------------------------------------------

_WKHTML_APT = re.compile(r"\b(?:apt-get|apt|aptitude)\b[^;&|]*?\binstall\b[^;&|]*?\b(wkhtmltopdf)\b")
_WKHTML_TOKEN = re.compile(r"\bwkhtmltopdf\b")


def debian_release(base: str) -> Optional[str]:
    """'trixie', 'bookworm', 'bullseye' or 'ubuntu' for python/debian/ubuntu bases; None otherwise."""
    ref = base.split("@", 1)[0].lower()
    name, _, tag = ref.rpartition(":") if ":" in ref.rsplit("/", 1)[-1] else (ref, "", "")
    repo = name.rsplit("/", 1)[-1]
    for codename in ("trixie", "bookworm", "bullseye", "buster"):
        if codename in tag:
            return codename
    if repo == "python" and "$" not in tag:
        return None if "alpine" in tag or "windows" in tag else "trixie"
    if repo == "debian":
        return {"13": "trixie", "12": "bookworm", "11": "bullseye", "": "trixie", "latest": "trixie",
                "stable": "trixie", "stable-slim": "trixie", "testing": "trixie"}.get(tag.split("-")[0] if tag
                                                                                    else "", None)
    if repo == "ubuntu":
        return "ubuntu"
    return None


@rule("DF101", "dockerfile-wkhtmltopdf-apt", summary="wkhtmltopdf from the distribution's apt repository",
      kinds=["dockerfile"], severity="error", tags=["deploy"],
      what="Reports `apt-get install … wkhtmltopdf` in a stage based on `python:*` (Debian trixie unless the tag "
           "names another release), `debian:trixie`/`debian:13` (error: the package is gone), and on bookworm, "
           "bullseye or Ubuntu bases in a Dockerfile that mentions Odoo (warning: the distribution build lacks "
           "the patched Qt).",
      why="Debian trixie has no wkhtmltopdf package, so the build stops with 'Package wkhtmltopdf has no "
          "installation candidate'. Elsewhere apt installs the unpatched-Qt build, with which Odoo prints PDF "
          "reports without headers and footers. Odoo's own image installs the patched wkhtmltox 0.12.6.1 release "
          "package instead.",
      before="FROM python:3.12-slim\nRUN apt-get update && apt-get install -y wkhtmltopdf",
      after="FROM odoo:18.0\n# or install wkhtmltox_0.12.6.1-3.<distro>_amd64.deb from wkhtmltopdf/packaging",
      source="odoo/docker@f7f6765 17.0-19.0/Dockerfile (installs wkhtmltox 0.12.6.1-3 from "
             "wkhtmltopdf/packaging releases); wkhtmltopdf absent from Debian 13 trixie (community-scripts/ProxmoxVE#13932, "
             "jamiemcg/Remarkable#433); python:<ver>[-slim] tags without a codename follow Debian stable (trixie)")
def wkhtmltopdf_apt(ctx):
    tree = ctx.tree
    if tree is None:
        return
    for ins in tree.of("RUN"):
        if not _WKHTML_APT.search(ins.value):
            continue
        release = debian_release(resolved_base(tree, ins.stage))
        if release is None:
            continue
        span = _token_span(ctx, ins, _WKHTML_TOKEN)
        base = resolved_base(tree, ins.stage)
        if release == "trixie":
            yield Finding(span, f"`{base}` is Debian trixie, which has no wkhtmltopdf package: the build fails with "
                                f"'has no installation candidate'; base the image on `odoo:<series>` or install "
                                f"the patched wkhtmltox 0.12.6.1 .deb from wkhtmltopdf/packaging")
        elif "odoo" in ctx.source.lower():      # the unpatched build only matters for Odoo's reports
            yield Finding(span, f"apt installs the unpatched-Qt wkhtmltopdf on `{base}`: Odoo's PDF reports lose "
                                f"their headers and footers; install the patched wkhtmltox 0.12.6.1 .deb from "
                                f"wkhtmltopdf/packaging instead", severity=Severity.WARNING)


# ---- DF102 -----------------------------------------------------------------------------------

_PIP_INSTALL = re.compile(r"(?:^|[\s;&|(])((?:\S*/)?pip3?(?:\.\d+)?|python3?(?:\.\d+)?\s+-m\s+pip)\s+install\b"
                          r"(?P<args>[^;&|]*)")
_VENV = re.compile(r"-m\s+venv\b|\bvirtualenv\b|\buv\s+venv\b")


@rule("DF102", "dockerfile-odoo-pip-pep668",
      summary="pip install on the noble-based odoo:18/19 image without --break-system-packages",
      kinds=["dockerfile"], severity="error", tags=["deploy"], since=None,
      what="In a stage built on the official `odoo:18*` or `odoo:19*` image (Ubuntu noble), reports "
           "`pip install` / `python3 -m pip install` with no `--break-system-packages`, no "
           "`PIP_BREAK_SYSTEM_PACKAGES` in the environment and no virtualenv created earlier in the stage.",
      why="Ubuntu noble marks its Python as externally managed (PEP 668): pip refuses with 'error: "
          "externally-managed-environment' and the image build fails. odoo:17 (jammy) is not affected.",
      before="FROM odoo:18.0\nUSER root\nRUN pip3 install phonenumbers",
      after="FROM odoo:18.0\nUSER root\nRUN pip3 install --break-system-packages phonenumbers",
      source="odoo/docker@f7f6765 18.0/Dockerfile and 19.0/Dockerfile (`FROM ubuntu:noble`, python3-pip from "
             "apt, no PIP_BREAK_SYSTEM_PACKAGES); PEP 668")
def pip_pep668(ctx):
    tree = ctx.tree
    if tree is None:
        return
    for stage in tree.stages:
        major = odoo_base_major(resolved_base(tree, stage.index))
        if major is None or major < 18:
            continue
        env: dict = {}
        venv = False
        for ins in [i for i in tree.instructions if i.stage == stage.index]:
            if ins.instruction in ("ENV", "ARG"):
                env.update(parse_env(ins.value))
                continue
            if ins.instruction != "RUN":
                continue
            if _VENV.search(ins.value):
                venv = True
            brk = str(env.get("PIP_BREAK_SYSTEM_PACKAGES", "")).lower() in ("1", "true", "yes", "on")
            if brk or venv or "VIRTUAL_ENV" in env or "venv" in str(env.get("PATH", "")):
                continue
            for m in _PIP_INSTALL.finditer(ins.value):
                args = m.group("args")
                if "--break-system-packages" in args or "PIP_BREAK_SYSTEM_PACKAGES=1" in ins.value:
                    continue
                if re.search(r"(^|/)(venv|\.venv|virtualenv)/", m.group(1)):
                    continue
                span = _token_span(ctx, ins, re.compile(re.escape(m.group(1).split()[0]) + r"\b"))
                yield Finding(span, f"`pip install` on `{resolved_base(tree, stage.index)}` (Ubuntu noble) fails "
                                    f"with 'externally-managed-environment' (PEP 668) and the build stops; add "
                                    f"`--break-system-packages` or set `ENV PIP_BREAK_SYSTEM_PACKAGES=1`")
                break


# ---- DF103 -----------------------------------------------------------------------------------

_ROOT_CMD = re.compile(r"\b(apt-get|apt|dpkg|useradd|groupadd|chown)\b|(?:^|[\s;&|])(?:\S*/)?pip3?\s+install\b")


@rule("DF103", "dockerfile-odoo-user-switch",
      summary="Root-only commands run as `odoo`, or the final image runs as root",
      kinds=["dockerfile"], severity="error", tags=["deploy", "security"],
      what="In stages built on the official `odoo` image (which ends with `USER odoo`): reports `apt-get`, "
           "`apt`, `dpkg`, `useradd`, `chown` or a non-`--user` `pip install` run while the user is still "
           "`odoo`, and a final stage that switched to `USER root` without switching back to `USER odoo`.",
      why="As `odoo` those commands fail with 'Permission denied' / 'are you root?' and the build stops; an "
          "image left on root runs Odoo as root, so any code execution in Odoo owns the container (hadolint "
          "DL3002 covers only the last point, and not the inherited user).",
      before="FROM odoo:17.0\nRUN apt-get update && apt-get install -y git",
      after="FROM odoo:17.0\nUSER root\nRUN apt-get update && apt-get install -y git\nUSER odoo",
      source="odoo/docker@f7f6765 17.0-19.0/Dockerfile (`USER odoo` before `ENTRYPOINT`)")
def user_switch(ctx):
    tree = ctx.tree
    if tree is None or not tree.stages:
        return
    final = tree.stages[-1].index
    for stage in tree.stages:
        base = resolved_base(tree, stage.index)
        if not odoo_base_major(base):
            continue            # not the official image, or untagged (`FROM odoo` may be a named build context)
        user = _inherited_user(tree, stage.index)
        switched = None
        for ins in [i for i in tree.instructions if i.stage == stage.index]:
            if ins.instruction == "USER":
                user = ins.value.strip().split(":")[0]
                if user in ("root", "0"):
                    switched = ins
                continue
            if ins.instruction == "RUN" and user == "odoo":
                m = _ROOT_CMD.search(ins.value)
                if m and not ("pip" in m.group(0) and "--user" in ins.value):
                    word = (m.group(1) or "pip install").strip()
                    span = _token_span(ctx, ins, re.compile(re.escape(word.split()[0])))
                    yield Finding(span, f"`{word}` runs as user `odoo` (the `{base}` image ends with `USER odoo`): "
                                        f"the build fails with 'Permission denied'; add `USER root` before it and "
                                        f"`USER odoo` after")
        if stage.index == final and user in ("root", "0") and switched is not None:
            yield Finding(ctx.span(switched.start, switched.end),
                          f"The image still runs as `{user}` after this `USER` line: Odoo then runs as root, so any "
                          f"code execution in Odoo owns the container; add `USER odoo` at the end")


def _inherited_user(tree, index: int) -> str:
    base = tree.stages[index].base
    for s in tree.stages[:index]:
        if s.name and s.name.lower() == base.lower():
            user = _inherited_user(tree, s.index)
            for ins in tree.instructions:
                if ins.stage == s.index and ins.instruction == "USER":
                    user = ins.value.strip().split(":")[0]
            return user
    return "odoo" if odoo_base_major(base) is not None else "root"


# ---- DF104 -----------------------------------------------------------------------------------

@rule("DF104", "dockerfile-odoo-image-unpinned", summary="`FROM odoo` without a maintained major",
      kinds=["dockerfile"], severity="error", tags=["deploy", "migration"],
      aliases=["odoo-version-consistency", "DL3006", "DL3007"],
      what="Reports `FROM odoo`, `FROM odoo:latest` and official `odoo` tags below 17 (the official image is "
           "only built for 17.0, 18.0 and 19.0).",
      why="The next build silently brings a new Odoo major that cannot open the existing database and whose "
          "addons API differs; tags that are no longer built get no security fixes.",
      before="FROM odoo", after="FROM odoo:18.0",
      source="odoo/docker@f7f6765 (folders 17.0, 18.0, 19.0; 7ffe127 '[REM] Odoo 16.0: remove deprecated "
             "version')")
def image_unpinned(ctx):
    tree = ctx.tree
    if tree is None:
        return
    for ins in tree.of("FROM"):
        stage = tree.stages[ins.stage] if ins.stage < len(tree.stages) else None
        if stage is None or "$" in stage.base or "@" in stage.base:
            continue
        if any(s.name and s.name.lower() == stage.base.lower() for s in tree.stages[:stage.index]):
            continue            # `FROM odoo AS dev` where `odoo` is an earlier stage, not the image
        major = odoo_base_major(stage.base)
        if major is None:
            continue
        span = _token_span(ctx, ins, re.compile(re.escape(stage.base)))
        if major == 0:
            yield Finding(span, f"`FROM {stage.base}` has no Odoo major: the next build can bring a new major that "
                                f"cannot open the existing database; pin it, e.g. `odoo:18.0`")
        elif major < 17:
            yield Finding(span, f"`FROM {stage.base}`: the official image is only built for 17.0, 18.0 and 19.0, so "
                                f"this tag gets no fixes; upgrade and pin a maintained major")


# ---- DF106 -----------------------------------------------------------------------------------

_SHELL_OPS = frozenset({"&&", "||", ";", "|", ">", ">>", "<", "2>&1", "&"})


@rule("DF106", "dockerfile-copy-shell-operator", summary="Shell operator inside `COPY`/`ADD`",
      kinds=["dockerfile"], severity="error", tags=["deploy", "correctness"],
      what="Reports a `COPY` or `ADD` (shell form) with a shell operator among its arguments: `&&`, `||`, `;`, "
           "`|`, `>`, `>>`, `<`, `&`, `2>&1` as words of their own, usually a `RUN` line pasted onto a COPY "
           "(`COPY requirements.txt /tmp/ && pip install -r /tmp/requirements.txt`). Heredocs and the JSON form "
           "are left alone.",
      why="COPY and ADD run no shell: every word but the last is a source path in the build context, so `&&` and "
          "the words after it are looked up as files and the build stops (BuildKit: `\"/&&\": not found`); the "
          "intended command never runs.",
      before="COPY requirements.txt /tmp/ && pip install -r /tmp/requirements.txt",
      after="COPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt",
      source="Dockerfile reference (docs.docker.com/reference/dockerfile, COPY/ADD: `COPY [OPTIONS] <src> ... "
             "<dest>`, shell and exec forms; only RUN, CMD and ENTRYPOINT have a shell form that runs a shell)")
def copy_shell_operator(ctx):
    tree = ctx.tree
    if tree is None:
        return
    for ins in tree.instructions:
        if ins.instruction not in ("COPY", "ADD"):
            continue
        value = ins.value.strip()
        if not value or value.startswith("[") or "<<" in value:
            continue
        words = [w for w in value.split() if not w.startswith("--")]
        op = next((w for w in words[:-1] if w in _SHELL_OPS), None) or \
            (words[-1] if words and words[-1] in _SHELL_OPS else None)
        if op is None:
            continue
        span = _token_span(ctx, ins, re.compile(r"(?<!\S)" + re.escape(op) + r"(?!\S)"))
        yield Finding(span, f"`{ins.instruction}` runs no shell: `{op}` and the words after it are taken as source "
                            f"paths, so the build stops ('\"/{op}\": not found'); put the command in a `RUN` line "
                            f"of its own")
