"""Templates and fragments: odoo.conf files that Odoo never reads as they stand.

Many setups render odoo.conf before Odoo reads it: doodba's `config-generate` concatenates `conf.d/*.conf`
fragments and pipes them through `envsubst` (Tecnativa/doodba@373775c `bin/config-generate`), camptocamp's image
renders `openerp.cfg.tmpl` with dockerize, bitnami renders `odoo.conf.tpl`, integrators run `envsubst` in their
entrypoint. So:

- a value holding a placeholder (`$VAR`, `${VAR}`, `{{ var }}`, `{% ... %}`, `%(var)s`) is unknown, not literal:
  no rule may claim it is wrong, weak or unparsable (CNF105 alone reports placeholders, and only where the
  deployment model shows the file is loaded as written);
- a fragment (no `[options]` header, or a file of a `conf.d`-style folder that a generator merges) is
  partial: no rule about a key being absent fires on it.
"""
from __future__ import annotations

import posixpath
import re

# `$NAME` only in capitals: `$pbkdf2-sha512$...` hashes and `pa$word` passwords are literal text. Linear on hostile
# lines: no opener's body runs past the next opener (`%(%(%(...`, `{{{{...` are not quadratic); a nested
# `${A:-$B}` still matches through its inner `$B`.
PLACEHOLDER = re.compile(r"\$\{[^}\n$]*\}|\$[A-Z_][A-Z0-9_]*\b|\{\{[^{}\n]*\}\}|\{%[^{%\n]*%\}|%\([^)\n%]*\)s")
# suffixes of files that a tool renders into the real config (`odoo.conf.tmpl`, `odoo.conf.example`, ...)
TEMPLATE_SUFFIXES = (".template", ".tmpl", ".tpl", ".j2", ".jinja", ".jinja2", ".example", ".dist", ".sample",
                     ".in", ".erb", ".mustache", ".envsubst", ".orig", ".default", ".skel")
# folders whose files a generator merges (doodba `conf.d`, Debian-style `*.d`)
_FRAGMENT_DIR = re.compile(r"(^|/)[^/]*\.d$|(^|/)conf\.d$")


def is_placeholder(value: str) -> bool:
    """A value that a renderer fills in before Odoo reads the file: its real value is unknown."""
    return bool(value) and PLACEHOLDER.search(value) is not None


def is_template_name(relpath: str) -> bool:
    name = posixpath.basename(relpath).lower()
    return name.endswith(TEMPLATE_SUFFIXES) or ".template." in name or ".tmpl." in name or ".example." in name \
        or name.startswith(("example.", "sample.", "template."))


def is_fragment(ctx) -> bool:
    """A partial conf: no `[options]` header, one of several files a generator merges, or a template."""
    tree = ctx.tree
    if tree is None or not tree.has_section("options"):
        return True
    if getattr(ctx, "merged", False):
        return ctx.partial          # the merged result of a conf.d folder (merge.py)
    if is_template_name(getattr(ctx, "relpath", None) or str(ctx.path)):
        return True                 # `odoo.conf.example`, `odoo.conf.j2`: rendered or copied before Odoo reads it
    return in_merged_dir(ctx)


def in_merged_dir(ctx) -> bool:
    """The file lies in a folder whose files a generator merges (doodba's `conf.d`)."""
    return in_merged_dir_path(getattr(ctx, "relpath", None) or str(ctx.path))


def in_merged_dir_path(relpath: str) -> bool:
    return bool(_FRAGMENT_DIR.search(posixpath.dirname(relpath.replace("\\", "/"))))


def known(opt) -> bool:
    """The option's value is literal (not a placeholder): rules may judge it."""
    return opt is not None and not is_placeholder(opt.value)
