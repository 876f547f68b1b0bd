"""Stand-ins for the facts other families publish ("odoo_conf", "dockerfile", "compose"), used by the DO and
Superset cross-file tests only while the real producer is not registered yet. They follow FACTS.md exactly,
so the tests keep passing (and start exercising the real producers) once those land.
"""
from __future__ import annotations

import os

from odoolint.registry import load_rules

REGISTRY = load_rules()


def _has(kind: str, name: str) -> bool:
    return any(n == name for n, _ in REGISTRY.fact_extractors.get(kind, []))


def _odoo_conf(ctx):
    tree = ctx.tree
    opts = {}
    for o in tree.section_options("options"):
        opts[o.key] = {"value": o.value, "line": o.line, "key_span": ctx.span(o.key_start, o.key_end).to_dict(),
                       "value_span": ctx.span(o.value_start, o.value_end).to_dict()}
    return {"has_options": tree.has_section("options"), "options": opts}


def _dockerfile(ctx):
    tree = ctx.tree
    out = {"dir": os.path.dirname(os.path.abspath(ctx.path)),
           "stages": [{"base": s.base, "name": s.name, "line": s.line} for s in tree.stages],
           "expose": [], "copies": [], "env": {}, "cmd": None, "entrypoint": None, "healthcheck": None,
           "user": None, "has_dockerignore": None}
    last = len(tree.stages) - 1
    for ins in tree.instructions:
        if ins.instruction in ("COPY", "ADD"):
            words = [w for w in ins.words() if not w.startswith("--")]
            if len(words) >= 2:
                out["copies"].append({"src": words[:-1], "dest": words[-1], "line": ins.line, "stage": ins.stage})
        elif ins.instruction == "ENV" and ins.stage == last:
            words = ins.words()
            if len(words) == 2 and "=" not in words[0]:
                out["env"][words[0]] = words[1]
            else:
                for w in words:
                    if "=" in w:
                        k, v = w.split("=", 1)
                        out["env"][k] = v
        elif ins.instruction in ("CMD", "ENTRYPOINT") and ins.stage == last:
            out[ins.instruction.lower()] = ins.exec_form() or ins.words()
    return out


def _compose(ctx):
    from odoolint.sources import yamltree as yt
    services = {}
    for name, _, node in yt.items(yt.get(ctx.tree.root, "services")):
        env = yt.to_python(yt.get(node, "environment"))
        if isinstance(env, list):
            env = dict(str(e).split("=", 1) if "=" in str(e) else (str(e), "") for e in env)
        ef = yt.to_python(yt.get(node, "env_file"))
        services[name] = {"image": yt.scalar(yt.get(node, "image")), "environment": env or {},
                          "env_file": [ef] if isinstance(ef, str) else (ef or [])}
    return {"services": services, "dir": os.path.dirname(os.path.abspath(ctx.path))}


def ensure_producers() -> None:
    for kind, name, fn in (("odoo-conf", "odoo_conf", _odoo_conf), ("dockerfile", "dockerfile", _dockerfile),
                           ("compose", "compose", _compose)):
        if not _has(kind, name):
            REGISTRY.fact_extractors.setdefault(kind, []).append((name, fn))


def test_producers_follow_the_contract(tmp_path):
    from tests.helpers import lint
    ensure_producers()
    result = lint(tmp_path, {"odoo.conf": "[options]\nhttp_port = 8070\n",
                             "Dockerfile": "FROM odoo:17.0\nCOPY odoo.conf /etc/odoo/\n"}, select=["DO101"])
    assert result.errors == []
