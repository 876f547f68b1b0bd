#!/usr/bin/env python3
"""Build the real-addon corpus the benches read: OCA's `odoo-addon-<name>` wheels from PyPI, unpacked per series.

For each name in the list and each series, `pip download --no-deps odoo-addon-<name>==<series>.*` into
<out>/wheels-<series> and unpack its `odoo/addons/<name>` into <out>/<series>/<name>. Names without a release
for a series are skipped. Nothing here is committed: the corpus lives outside the repository.

    python bench/corpus.py --names bench/addons-migration.txt --out /work/corpus [--series 16.0,17.0,18.0,19.0]
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import subprocess
import sys
import zipfile
from pathlib import Path


def fetch(name: str, series: str, out: Path) -> str:
    wheels = out / f"wheels-{series}"
    wheels.mkdir(parents=True, exist_ok=True)
    dist = f"odoo_addon_{name}-{series}"
    have = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(dist.lower())]
    if not have:
        major = series.split(".")[0]
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(wheels),
                        f"odoo-addon-{name}>={major}.0,<{int(major) + 1}.0"],
                       capture_output=True, text=True)
        have = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(dist.lower())]
    if not have:
        return f"{series} {name}: no release"
    with zipfile.ZipFile(sorted(have)[-1]) as zf:
        members = [m for m in zf.namelist() if m.startswith(f"odoo/addons/{name}/")]
        for m in members:
            target = out / series / m[len("odoo/addons/"):]
            if m.endswith("/"):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(m))
    return f"{series} {name}: {len(members)} files"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=Path, required=True, help="one addon name per line (# comments)")
    ap.add_argument("--out", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--series", default="16.0,17.0,18.0,19.0")
    args = ap.parse_args()
    names = [l.split("#")[0].strip() for l in args.names.read_text().splitlines()]
    names = [n for n in names if n]
    jobs = [(n, s) for s in args.series.split(",") for n in names]
    with cf.ThreadPoolExecutor(8) as ex:
        for line in ex.map(lambda j: fetch(j[0], j[1], args.out), jobs):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
