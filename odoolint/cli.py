"""The `odoolint` command: ruff's habits (check, rule, clean; exit codes 0/1/2)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .config import ConfigError, load_settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif")


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


def _csv(values: tuple[str, ...]) -> list[str]:
    out = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _selectors(option: str, values: tuple[str, ...]) -> list[str]:
    """A rule selection given on the command line; an empty one (`--select ''`, `--select ,`) is a usage
    error, as in ruff, rather than a silent "select nothing"."""
    out = []
    for v in values:
        parts = [x.strip() for x in v.split(",")]
        if not any(parts):
            raise ConfigError(f"invalid value {v!r} for '{option}': expected rule codes, prefixes or names")
        out.extend(x for x in parts if x)
    return out


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, help="Rules to enable (code, prefix, name or ALL); comma-separated.")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--odoo-version", help="Target Odoo version, e.g. 18.0 (overrides detection).")
@click.option("--fix/--no-fix", default=None, help="Apply safe fixes.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", default=None, help="Also apply (or show) unsafe fixes.")
@click.option("--fix-only", is_flag=True, help="Apply fixes, report nothing else.")
@click.option("--show-fixes", is_flag=True, help="List the fixes that were applied.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when something was fixed.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default=None)
@click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write the report to a file.")
@click.option("--stdin-filename", help="Read the file from stdin and lint it as this path.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--statistics", is_flag=True, help="Print counts per rule.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
@click.option("--cache-dir", type=click.Path(path_type=Path), help="Cache folder (default .odoolint_cache).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes for the per-file phase.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file.")
@click.option("--exclude", multiple=True, help="Replace the exclude globs.")
@click.option("--extend-exclude", multiple=True, help="Add exclude globs.")
@click.option("--force-exclude", is_flag=True, default=None, help="Apply excludes to paths given explicitly.")
@click.option("--no-respect-gitignore", is_flag=True, help="Lint files that .gitignore ignores.")
@click.option("--addons-path", "addons_paths", multiple=True, help="Extra folders of addons for depends.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Accept the findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="Record every current finding in this file (adopting odoolint on existing code) and exit 0.")
@click.option("--show-files", is_flag=True, help="List each file that would be read, with its kind and addon; "
                                                  "lint nothing.")
@click.option("-v", "--verbose", is_flag=True, help="Also list each file read, with its kind and addon, on stderr "
                                                     "(what --show-files prints), then lint.")
@click.option("--follow-external-symlinks", is_flag=True, default=None,
              help="Read files reached through a symlink that leaves the project (OL004 otherwise); never fixed.")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings (and the target version and "
                                                     "rules they give); lint nothing.")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto",
              help="Colour the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no summary, no progress.")
@click.option("--sarif-category", help="SARIF automationDetails.id (e.g. the CI matrix job), so runs do not "
                                       "replace each other's code-scanning alerts.")
def check(paths, select, extend_select, ignore, odoo_version, fix, unsafe_fixes, fix_only, show_fixes,
          exit_non_zero_on_fix, diff, output_format, output_file, stdin_filename, exit_zero, statistics,
          no_cache, cache_dir, jobs, config_file, exclude, extend_exclude, force_exclude, no_respect_gitignore,
          addons_paths, baseline_file, write_baseline, show_files, show_settings, color, quiet, sarif_category,
          follow_external_symlinks, verbose):
    """Lint PATHS (default: the current folder)."""
    from .discovery import find_root
    from .runner import RunOptions, run
    from .safeio import exit_on_signals

    exit_on_signals()
    try:
        root = find_root(list(paths) or ([Path(stdin_filename)] if stdin_filename else [Path(".")]))
        settings = load_settings(root, config_file)
        origin = "config"
        if select:
            settings.select = _selectors("--select", select)
        if extend_select:
            settings.extend_select += _selectors("--extend-select", extend_select)
        if ignore:
            settings.ignore += _selectors("--ignore", ignore)
        if odoo_version:
            from .model import OdooVersion
            if OdooVersion.parse(odoo_version) is None:
                raise ConfigError(f"--odoo-version {odoo_version!r} is not a version like 17.0")
            settings.odoo_version = odoo_version
            origin = "cli"
        if exclude:
            settings.exclude = _csv(exclude)
        if extend_exclude:
            settings.extend_exclude += _csv(extend_exclude)
        if force_exclude:
            settings.force_exclude = True
        if no_respect_gitignore:
            settings.respect_gitignore = False
        if addons_paths:
            settings.addons_paths += list(addons_paths)
        if cache_dir:
            settings.cache_dir = str(cache_dir)
        if follow_external_symlinks:
            settings.follow_external_symlinks = True
        if sarif_category is not None:
            settings.sarif_category = sarif_category
        if show_files:
            from .showfiles import listing
            for line in listing(list(paths), root, settings):
                click.echo(line)
            sys.exit(EXIT_CLEAN)
        if verbose and not stdin_filename:
            from .showfiles import listing
            for line in listing(list(paths), root, settings):
                click.echo(line, err=True)
        if show_settings:
            from .settings_view import render as settings_text
            click.echo(settings_text(list(paths), root, settings, origin), nl=False)
            sys.exit(EXIT_CLEAN)
        do_fix = settings.fix if fix is None else fix
        do_fix = do_fix or fix_only or diff
        unsafe = settings.unsafe_fixes if unsafe_fixes is None else unsafe_fixes
        fmt = output_format or settings.output_format
        if fmt not in OUTPUT_FORMATS:
            raise ConfigError(f"unknown output format {fmt!r}")
        stdin_data = _read_stdin() if stdin_filename else None
        from . import progress as progress_line
        bar = progress_line.Progress(sys.stderr) if progress_line.wanted(sys.stderr, quiet) else None
        try:
            result = run(RunOptions(list(paths), settings, fix=do_fix, unsafe_fixes=unsafe, diff=diff,
                                    no_cache=no_cache, jobs=jobs, stdin_filename=stdin_filename,
                                    stdin_data=stdin_data, explicit_version_origin=origin, baseline=baseline_file,
                                    write_baseline=write_baseline, progress=bar.update if bar else None))
        finally:
            if bar is not None:
                bar.close()
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)

    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for err in result.errors:
        click.echo(f"error: internal failure, please report it: {err}", err=True)
    for failure in result.failures:      # the run's own errors (a missing path, an unwritable file): exit 2
        click.echo(f"error: {failure}", err=True)
    failed = bool(result.errors or result.failures)
    if result.baseline_written is not None:
        click.echo(f"Wrote {result.baseline_written} finding{'s' if result.baseline_written != 1 else ''} to "
                   f"{write_baseline}", err=True)
        sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)

    total_fixed = result.fixed_count
    if diff:
        from .diff import unified
        patches = []
        for path in sorted(result.fixed_data):
            before = result.originals[path].decode("utf-8", "surrogateescape")
            after = result.fixed_data[path].decode("utf-8", "surrogateescape")
            patches.append(unified(result.relpaths.get(path, path), before, after))
        sys.stdout.write("".join(patches))
        n = len(result.fixed_data)
        click.echo(f"Would fix {total_fixed} error{'s' if total_fixed != 1 else ''} in {n} file"
                   f"{'s' if n != 1 else ''}.", err=True)
        sys.exit(EXIT_ERROR if failed else (EXIT_FINDINGS if total_fixed and not exit_zero else EXIT_CLEAN))

    if stdin_filename and do_fix:
        path = next(iter(result.originals), None)
        data = result.fixed_data.get(path, result.originals.get(path, b"")) if path else (stdin_data or b"")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        report_stream_err = True
    else:
        report_stream_err = False

    from .registry import REGISTRY
    from .reporters import ReportContext, render
    from .style import Style, wanted as colour_wanted

    report_stream = sys.stderr if report_stream_err else sys.stdout
    ctx = ReportContext(cwd=Path.cwd(), root=result.root, meta=REGISTRY.meta, read_text=result.text_of,
                        show_fixes=show_fixes, fixed=result.fixed, unsafe_fixes=bool(unsafe),
                        tool_version=__version__,
                        style=Style(colour_wanted(color, None if output_file else report_stream)),
                        quiet=quiet, sarif_category=settings.sarif_category,
                        failures=list(result.failures), execution_successful=not failed, run_failed=failed)
    if fix_only:
        diagnostics = []
    else:
        diagnostics = result.diagnostics
    if statistics:
        from .statistics import render as statistics_text
        text = statistics_text(diagnostics, unsafe, fmt)
    elif fix_only:
        text = _fix_only_text(ctx, total_fixed, show_fixes, quiet)
    else:
        text = render(fmt, diagnostics, ctx)
    for warning in ctx.warnings:
        click.echo(f"warning: {warning}", err=True)
    if output_file:
        try:
            output_file.write_bytes(text.encode("utf-8", "surrogateescape"))
        except OSError as exc:
            from .names import shown
            click.echo(f"error: cannot write the report to {shown(str(output_file))}: {exc.strerror or exc}",
                       err=True)
            sys.exit(EXIT_ERROR)
    elif text.strip():
        stream = report_stream
        stream.flush()
        stream.buffer.write((text if text.endswith("\n") else text + "\n").encode("utf-8", "surrogateescape"))
        stream.flush()
    if failed:
        sys.exit(EXIT_ERROR)
    if exit_zero:
        sys.exit(EXIT_CLEAN)
    if diagnostics:
        sys.exit(EXIT_FINDINGS)
    if exit_non_zero_on_fix and total_fixed:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _read_stdin() -> bytes:
    """At most one byte over the size limit: an endless stdin (`< /dev/zero`) cannot exhaust memory."""
    from .sources import MAX_FILE_BYTES
    return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)


def _fix_only_text(ctx, total: int, show_fixes: bool, quiet: bool) -> str:
    """ruff's `--fix-only` report: the per-file table only when `--show-fixes` asks for it, else one line;
    nothing under `-q`, nothing when nothing was fixed."""
    from .reporters._common import fix_listing
    if show_fixes:
        listing = fix_listing(ctx)
        return "\n".join(listing) + "\n" if listing else ""
    if quiet or not total:
        return ""
    return f"Fixed {total} error{'s' if total != 1 else ''}.\n"


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
