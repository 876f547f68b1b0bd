#!/usr/bin/env python3
"""Write odoolint/data/rule_index.json: which kinds each rule module serves, and every rule's selection data.

The runner imports only the rule modules of the kinds it meets; this index lets selectors, suppressions and
`unused-noqa` still know every rule. Regenerate after adding or moving a rule:

    python tools/gen_rule_index.py          # rewrite the index
    python tools/gen_rule_index.py --check  # exit 1 if it is stale
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from odoolint.registry import build_index, load_rules

OUT = Path(__file__).resolve().parent.parent / "odoolint" / "data" / "rule_index.json"


def render() -> str:
    return json.dumps(build_index(load_rules()), indent=1, sort_keys=True) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print("odoolint/data/rule_index.json is stale: run python tools/gen_rule_index.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
