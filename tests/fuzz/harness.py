"""A seeded fuzzing harness: mutated fixtures of every kind, linted and fixed in process.

Each case is a small project: one mutated file (byte-level or structure-aware mutation of a fixture) and
sometimes a few untouched fixtures of other kinds, so cross-file rules run too. For every case:

- the lint with `--fix --unsafe-fixes` raises nothing and reports no internal error (OL003);
- it takes under 10 s of CPU;
- a fixed file keeps its encoding, BOM and line-ending styles, and has no parse error its original lacked;
- a second `--fix` changes nothing (idempotence).

Long run (prints its figures; failing inputs are saved for replay with --save):

    nice python -m tests.fuzz.harness --cases 50000 --seed 1 --jobs 2
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CASE_SECONDS = 10

# ---- seeds -------------------------------------------------------------------------------------

EXTRA_SEEDS = {   # small texts of kinds the fixtures hold few of
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                                "      - uses: actions/checkout@v4\n      - run: pytest | tee log\n"
                                "        continue-on-error: true\n",
    "superset_config.py": "import os\nSECRET_KEY = 'CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET'\n"
                          "SQLALCHEMY_DATABASE_URI = 'postgres://u:p@db/superset'\n",
    ".do/app.yaml": "name: odoo\nservices:\n  - name: web\n    image:\n      registry_type: DOCKER_HUB\n"
                    "      repository: odoo\n      tag: '17'\n    http_port: 8080\n    run_command: odoo --workers 4\n"
                    "    envs:\n      - key: PORT\n        value: '8069'\n",
    ".env": "POSTGRES_PASSWORD=odoo\nexport PGHOST=db\n",
    "requirements.txt": "phonenumbers==8.13\n",
    "addons/m/i18n/fr.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "A"\nmsgstr "B"\n',
    "addons/m/static/src/x.js": "odoo.define('x', function (require) {\n  'use strict';\n});\n",
    "nginx/odoo.conf": "upstream odoo { server odoo:8069; }\nserver {\n  listen 80;\n"
                       "  location / { proxy_pass http://odoo; }\n}\n",
}


def load_seeds() -> list[tuple[str, bytes]]:
    """(path inside its fixture project, bytes) of every fixture odoolint reads, plus EXTRA_SEEDS."""
    from odoolint.classify import classify
    seeds = []
    for p in sorted(FIXTURES.rglob("*")):
        if not p.is_file() or p.stat().st_size > 200_000:
            continue
        rel = p.relative_to(FIXTURES).as_posix().split("/", 1)
        inner = rel[1] if len(rel) == 2 else rel[0]
        data = p.read_bytes()
        if classify(inner, lambda: data[:65536]) is not None:
            seeds.append((inner, data))
    seeds += [(k, v.encode()) for k, v in EXTRA_SEEDS.items()]
    return seeds


# ---- mutations ---------------------------------------------------------------------------------

CONFUSED = [b"[1, {a: b}]", b"{}", b"[]", b"null", b"~", b"!!python/object/apply:os.system ['id']", b"*x", b"&a x",
            b"1e999", b"-1", b"0x10", b"'%(x)s'", b"${X:-y}", b"\"\\x1b[31m\"", b"{{ x }}", b"[{group: x}]",
            b"True", b"None", b"(1,)", b"{'a': [1, 2]}", b"<x/>", b"&amp;", b"\"\"\"", b"\\", b"$(id)", b"`id`",
            b"\x00", b"\xff\xfe", b"\r", b"\t\t", b"\xe2\x80\xae", b"%", b"%%", b"=", b":", b"#", b";"]
CODECS = [b"rot13", b"hex", b"zlib", b"utf-16", b"utf-32", b"latin-1", b"cp037", b"idna", b"undefined", b"nope",
          b"utf-8", b"ascii", b"utf-7", b"punycode", b"bz2"]


def mutate(rng: random.Random, data: bytes, other: bytes) -> tuple[bytes, str]:
    """One to three mutations; returns the bytes and their names."""
    names = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        op = rng.choice(_OPS)
        data = op(rng, data, other)
        names.append(op.__name__)
        if len(data) > 2_000_000:
            data = data[:2_000_000]
    return data, "+".join(names)


def _pos(rng, data):
    return rng.randint(0, len(data)) if data else 0


def truncate(rng, data, other):
    return data[:_pos(rng, data)]


def flip(rng, data, other):
    if not data:
        return data
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def insert_bytes(rng, data, other):
    i = _pos(rng, data)
    junk = rng.choice([bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))), b"\x00", b"\r", b"\r\n",
                       b"\xff", b"\x1b[2J", b"\xef\xbb\xbf", b"\n\n\n", b"<!--", b"]]>", b"'''", b'"', b"\\"])
    return data[:i] + junk + data[i:]


def delete_range(rng, data, other):
    i = _pos(rng, data)
    return data[:i] + data[i + rng.randint(1, 64):]


def duplicate_range(rng, data, other):
    i = _pos(rng, data)
    j = min(len(data), i + rng.randint(1, 200))
    return data[:j] + data[i:j] * rng.randint(1, 20) + data[j:]


def splice(rng, data, other):
    """Another kind's text spliced in (a compose file inside an XML file...)."""
    i, j = _pos(rng, data), _pos(rng, other)
    return data[:i] + other[j:j + rng.randint(1, 400)] + data[i:]


def long_run(rng, data, other):
    i = _pos(rng, data)
    unit = rng.choice([b" ", b"a", b"\n", b" \n", b"${", b"%(", b"<a ", b"= ", b"-- ", b"a/", b"\t", b"[", b"{"])
    return data[:i] + unit * rng.randint(100, 20000) + data[i:]


def line_endings(rng, data, other):
    style = rng.choice(["crlf", "cr", "mixed", "lf"])
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if style == "mixed":
        return b"".join(ln + rng.choice([b"\n", b"\r\n", b"\r"]) for ln in lines[:-1]) + lines[-1]
    return {"crlf": b"\r\n", "cr": b"\r", "lf": b"\n"}[style].join(lines)


def bom_or_encoding(rng, data, other):
    choice = rng.randrange(4)
    if choice == 0:
        return b"\xef\xbb\xbf" + data
    if choice == 1:
        try:
            return data.decode("utf-8").encode(rng.choice(["utf-16", "utf-32", "utf-16-le"]))
        except UnicodeDecodeError:
            return data
    codec = rng.choice(CODECS)
    if data.startswith(b"<?xml") or rng.random() < 0.3:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") and b"?>" in data else data
        return b'<?xml version="1.0" encoding="' + codec + b'"?>' + body
    return b"# -*- coding: " + codec + b" -*-\n" + data


def type_confusion(rng, data, other):
    """Structure-aware: the value after a `key:` / `key =` / `=` / attribute of one line becomes another type."""
    lines = data.split(b"\n")
    candidates = [i for i, ln in enumerate(lines) if b":" in ln or b"=" in ln]
    if not candidates:
        return data
    i = rng.choice(candidates)
    ln = lines[i]
    cut = max(ln.find(b":"), ln.find(b"="))
    lines[i] = ln[:cut + 1] + b" " + rng.choice(CONFUSED)
    return b"\n".join(lines)


def shuffle_lines(rng, data, other):
    """Structure-aware: duplicate, swap, re-indent or drop whole lines (duplicate keys, broken nesting)."""
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.randrange(4)
    if op == 0:
        lines.insert(j, lines[i])
    elif op == 1:
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 2:
        lines[i] = b" " * rng.choice((1, 2, 4, 8)) + lines[i]
    else:
        del lines[i]
    return b"\n".join(lines)


def nest(rng, data, other):
    """Structure-aware: deep nesting or alias fan-out of the kind's own syntax."""
    depth = rng.randint(50, 3000)
    unit = rng.choice([(b"[", b"]"), (b"{a: ", b"}"), (b"<a>", b"</a>"), (b"(", b")"), (b"- ", b"")])
    i = _pos(rng, data)
    if unit[0] == b"- ":
        return data[:i] + b"".join(b"  " * k + b"- \n" for k in range(min(depth, 300))) + data[i:]
    return data[:i] + unit[0] * depth + unit[1] * depth + data[i:]


def alias_fanout(rng, data, other):
    levels = rng.randint(2, 9)
    out = [b"x-a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]"]
    for k in range(1, levels):
        prev = b"*a%d" % (k - 1)
        out.append(b"x-a%d: &a%d [" % (k, k) + b", ".join([prev] * 9) + b"]")
    return b"\n".join(out) + b"\n" + data + b"\n    environment: *a%d\n" % (levels - 1)


_OPS = [truncate, flip, insert_bytes, delete_range, duplicate_range, splice, long_run, line_endings,
        bom_or_encoding, type_confusion, type_confusion, shuffle_lines, shuffle_lines, nest, alias_fanout]


# ---- checks --------------------------------------------------------------------------------------

@dataclass
class Figures:
    cases: int = 0
    fixed_cases: int = 0
    failures: list = field(default_factory=list)
    by_kind: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    slowest: float = 0.0

    def merge(self, other: "Figures") -> None:
        self.cases += other.cases
        self.fixed_cases += other.fixed_cases
        self.failures += other.failures
        self.by_kind.update(other.by_kind)
        self.slowest = max(self.slowest, other.slowest)


class CaseTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CaseTimeout(f"case took more than {CASE_SECONDS} s of CPU")


def _endings(data: bytes) -> set[str]:
    out = set()
    crlf = data.count(b"\r\n")
    if crlf:
        out.add("crlf")
    if data.count(b"\n") > crlf:
        out.add("lf")
    if data.count(b"\r") > crlf:
        out.add("cr")
    return out


def check_case(root: Path, files: dict[str, bytes], target: str) -> tuple[Optional[str], bool]:
    """Lint and fix one project; (failure description or None, whether something was fixed)."""
    from odoolint.sources import ParseFailure, decode
    from tests.helpers import lint, write_tree
    write_tree(root, files)
    result = lint(root, fix=True, unsafe=True, odoo_version=None)
    if result.errors:
        return "internal error: " + result.errors[0].strip().splitlines()[-1], False
    if any(d.code == "OL003" for d in result.diagnostics):
        return "OL003 reported", False
    if not result.fixed_data:
        return None, False
    from odoolint.runner import _parse_errors
    for path, new in result.fixed_data.items():
        old = result.originals[path]
        kind = result.kinds.get(path, "")
        try:
            before, after = decode(old, kind), decode(new, kind)
        except ParseFailure as exc:
            return f"fixed file no longer decodes: {path}: {exc.message}", True
        if (before.bom, before.encoding) != (after.bom, after.encoding):
            return f"encoding/BOM changed: {path}", True
        if not _endings(new) <= _endings(old) | ({"lf"} if not _endings(old) else set()):
            return f"line endings changed {sorted(_endings(old))} -> {sorted(_endings(new))}: {path}", True
        try:
            added = _parse_errors(kind, new, path) - _parse_errors(kind, old, path)
        except ParseFailure as exc:
            return f"fixed file no longer parses: {path}: {exc.message}", True
        if added:
            return f"fix added a parse error: {path}: {next(iter(added))[:100]}", True
        if Path(path).read_bytes() != new:
            return f"fixed bytes not written: {path}", True
    again = lint(root, fix=True, unsafe=True)
    if again.errors:
        return "internal error on the fixed tree: " + again.errors[0].strip().splitlines()[-1], True
    if again.fixed_data:
        return f"second --fix changed {sorted(Path(p).name for p in again.fixed_data)}", True
    return None, True


def run_cases(seed: int, cases: int, start: int = 0, save: Optional[Path] = None, quiet: bool = True) -> Figures:
    from odoolint.classify import classify
    from odoolint.registry import load_rules
    load_rules()      # every rule module once, not a directory walk per case
    seeds = load_seeds()
    figs = Figures()
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    base = Path(tempfile.mkdtemp(prefix="odoolint-fuzz-", dir=shm))
    # CPU time, not wall time: on a shared machine a starved case is not a slow one
    old = signal.signal(signal.SIGPROF, _alarm)
    t_all = time.time()
    try:
        for n in range(start, start + cases):
            rng = random.Random(seed * 1_000_003 + n)
            rel, data = rng.choice(seeds)
            other = rng.choice(seeds)[1]
            mutated, how = mutate(rng, data, other)
            files = {rel: mutated}
            for _ in range(rng.choice((0, 0, 1, 2))):
                r2, d2 = rng.choice(seeds)
                files.setdefault(r2, d2)
            kind = classify(rel, lambda: mutated[:65536]) or "unclassified"
            figs.by_kind[kind] += 1
            root = base / f"c{n}"
            t = time.time()
            signal.setitimer(signal.ITIMER_PROF, CASE_SECONDS)
            try:
                failure, fixed = check_case(root, files, rel)
            except CaseTimeout as exc:
                failure, fixed = str(exc), False
            except Exception:  # noqa: BLE001 - a traceback is exactly what the harness hunts
                failure, fixed = "traceback: " + traceback.format_exc().strip().splitlines()[-1], False
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            dt = time.time() - t
            figs.slowest = max(figs.slowest, dt)
            figs.cases += 1
            figs.fixed_cases += fixed
            if failure:
                figs.failures.append((n, rel, how, failure))
                if save is not None:
                    dest = save / f"case-{seed}-{n}"
                    dest.mkdir(parents=True, exist_ok=True)
                    for k, v in files.items():
                        (dest / k).parent.mkdir(parents=True, exist_ok=True)
                        (dest / k).write_bytes(v)
                    (dest / "FAILURE.txt").write_text(f"{rel}\n{how}\n{failure}\n")
                if not quiet:
                    print(f"FAIL case {n} {rel} [{how}]: {failure}", file=sys.stderr, flush=True)
            shutil.rmtree(root, ignore_errors=True)
            if not quiet and figs.cases % 250 == 0:
                print(f"progress: cases {start}-{n}: {figs.cases} inputs, {len(figs.failures)} failures, "
                      f"{time.time() - t_all:.0f} s, slowest {figs.slowest:.2f} s", file=sys.stderr, flush=True)
    finally:
        signal.signal(signal.SIGPROF, old)
        shutil.rmtree(base, ignore_errors=True)
    figs.seconds = time.time() - t_all
    return figs


def _worker(args):
    seed, cases, start, save = args
    return run_cases(seed, cases, start, Path(save) if save else None, quiet=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--save", help="folder for failing inputs")
    args = ap.parse_args(argv)
    t = time.time()
    per = -(-args.cases // args.jobs)
    chunks = [(args.seed, min(per, args.cases - i * per), i * per, args.save) for i in range(args.jobs)
              if args.cases - i * per > 0]
    if args.jobs > 1:
        from multiprocessing import Pool
        with Pool(args.jobs) as pool:
            parts = pool.map(_worker, chunks)
    else:
        parts = [_worker(chunks[0])]
    figs = Figures()
    for p in parts:
        figs.merge(p)
    wall = time.time() - t
    print(f"odoolint fuzz: seed {args.seed}, {figs.cases} inputs, {len(figs.failures)} failures, "
          f"{figs.fixed_cases} fixed and re-checked, {wall:.0f} s wall ({figs.cases / max(wall, 1e-9):.1f} "
          f"inputs/s), slowest case {figs.slowest:.2f} s")
    print("inputs by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(figs.by_kind.items())))
    for n, rel, how, failure in figs.failures[:50]:
        print(f"  case {n}: {rel} [{how}]: {failure}")
    return 1 if figs.failures else 0


if __name__ == "__main__":
    sys.exit(main())
