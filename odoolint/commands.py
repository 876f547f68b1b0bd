"""The `odoolint` commands as click builds them: check (from check_command's table), rule, explain, upgrade,
clean, server; ruff's habits (exit codes 0/1/2). `odoolint.cli.main` comes here for anything but a plain
`check` command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

import click

from . import __version__, check_command
from .check_command import EXIT_ERROR
from .config import ConfigError


class _Group(click.Group):
    """Bad usage exits 2 with a one-line reason, like ruff."""

    def main(self, *args, **kwargs):
        kwargs.setdefault("standalone_mode", True)
        try:
            return super().main(*args, **kwargs)
        except ConfigError as exc:  # pragma: no cover - raised inside commands and handled there
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="odoolint")
def main() -> None:
    """odoolint: lint Odoo addons and the configs that deploy them."""


def _check_command():
    """`odoolint check`, from the option table of check_command (the click-free parser reads the same table)."""
    def check(**params):
        """Lint PATHS (default: the current folder)."""
        check_command.run(**params)

    f = check
    for names, dest, kind, choices, help_text in reversed(check_command.OPTIONS):
        attrs: dict = {"help": help_text}
        if kind == "multi":
            attrs["multiple"] = True
        elif kind in ("path", "file"):
            attrs["type"] = click.Path(path_type=Path, dir_okay=kind == "path")
        elif kind == "flag":
            attrs["is_flag"] = True
        elif kind == "flag-none":
            attrs.update(is_flag=True, default=None)
        elif kind == "switch":
            attrs["default"] = None
        elif kind == "choice":
            attrs.update(type=click.Choice(choices), default=check_command.defaults()[dest])
        elif kind == "jobs":
            attrs["type"] = click.IntRange(min=1)
        f = click.option(*names, dest, **attrs)(f)
    f = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))(f)
    return main.command(name="check")(f)


check = _check_command()


@main.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Every rule.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rule(code: Optional[str], show_all: bool, output_format: str):
    """Show the documentation of a rule (by code or name), or of every rule."""
    from .registry import UnknownSelector, load_rules

    registry = load_rules()
    if show_all:
        metas = registry.all_meta()
    elif code:
        try:
            codes = registry.resolve(code)
        except UnknownSelector:
            click.echo(f"error: unknown rule {code!r}", err=True)
            sys.exit(EXIT_ERROR)
        metas = [registry.meta(c) for c in sorted(codes)]
    else:
        click.echo("error: give a rule code or --all", err=True)
        sys.exit(EXIT_ERROR)
    if output_format == "json":
        payload = [m.to_dict() for m in metas]
        click.echo(json.dumps(payload if show_all or len(payload) != 1 else payload[0], indent=2))
    else:
        click.echo("\n\n".join(m.docs_text() for m in metas))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--log", "log_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the error or log excerpt from FILE (default: stdin, or `-` among PATHS).")
@click.option("--odoo-version", help="Target Odoo version for the rules run on PATHS.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file for the rules run on PATHS.")
def explain(paths, log_file, odoo_version, output_format, config_file):
    """Explain an error (traceback, log excerpt) by the rules whose symptoms match; with PATHS, locate it."""
    from .explain_cli import run_explain

    sys.exit(run_explain(paths, log_file, odoo_version, output_format, config_file))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--to", "target", required=True, help="The Odoo version to migrate to, e.g. 19.0.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes (the report then says what was done).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply the fixes that need review.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff (report on stderr); write nothing.")
@click.option("--bump-version", is_flag=True, help="Also set each manifest `version` to the target series.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file instead of the discovered one.")
def upgrade(paths, target, fix, unsafe_fixes, diff, bump_version, output_format, config_file):
    """Migration report per addon and version step: what --fix does, what needs review, what is by hand."""
    from .upgrade import run_upgrade

    sys.exit(run_upgrade(paths, target, fix and not diff, unsafe_fixes, diff, bump_version, output_format,
                         config_file))


@main.command()
@click.option("--cache-dir", type=click.Path(path_type=Path))
def clean(cache_dir: Optional[Path]):
    """Remove the cache folder."""
    from .cache import DEFAULT_DIR, clean as do_clean
    from .discovery import find_root

    from .names import shown
    target = cache_dir or (find_root([Path(".")]) / DEFAULT_DIR)
    try:
        removed = do_clean(target)
    except OSError as exc:
        click.echo(f"error: cannot remove {shown(str(target))}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    if removed == "link":
        click.echo(f"Removed the symbolic link {shown(str(target))} (what it points to is left alone)")
    elif removed:
        click.echo(f"Removed {shown(str(target))}")


@main.command()
def server():
    """Run the language server (LSP over stdio) for editors."""
    try:
        from .server.app import main as serve
    except ImportError as exc:
        click.echo(f"error: the language server needs the `server` extra (pip install 'odoo-stacklint[server]'): "
                   f"{exc}", err=True)
        sys.exit(EXIT_ERROR)
    serve()


if __name__ == "__main__":  # pragma: no cover
    main()
