"""The `check` command: its options, a parser for them that needs no click, and what it does.

`odoolint check` is what an editor runs on every save, and click's import alone was a fifth of that run. So the
options are a table here: `commands.py` builds the click command from it (help, usage errors, every other
command), and `parse_argv` reads a `check` command line that uses the table's options plainly (`--opt value`,
`--opt=value`, the short forms alone) into the very values click would give, checked as click checks them. A
command line it is not sure of (`--help`, a usage error, `--`, bundled short flags, an option value that starts
with `-`) is left to click: `parse_argv` then returns None. tests/test_cli_fast_path.py compares both parsers.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from . import __version__
from .config import ConfigError, load_settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif")
COLORS = ("auto", "always", "never")

# (option names, parameter, kind, choices or None, help). Kinds: "multi" (repeatable text, a tuple), "text",
# "path" (a Path), "file" (a Path that must not be a folder), "flag" (False unless given), "flag-none" (None unless
# given), "switch" (`--x/--no-x`: None, True or False), "choice" (one of the choices; the first is the default for
# --color, None for --output-format), "jobs" (an integer >= 1).
OPTIONS: tuple[tuple[tuple[str, ...], str, str, Optional[tuple], Optional[str]], ...] = (
    (("--select",), "select", "multi", None, "Rules to enable (code, prefix, name or ALL); comma-separated."),
    (("--extend-select",), "extend_select", "multi", None, "Rules to enable on top of the selection."),
    (("--ignore",), "ignore", "multi", None, "Rules to disable."),
    (("--odoo-version",), "odoo_version", "text", None, "Target Odoo version, e.g. 18.0 (overrides detection)."),
    (("--fix/--no-fix",), "fix", "switch", None, "Apply safe fixes."),
    (("--unsafe-fixes/--no-unsafe-fixes",), "unsafe_fixes", "switch", None, "Also apply (or show) unsafe fixes."),
    (("--fix-only",), "fix_only", "flag", None, "Apply fixes, report nothing else."),
    (("--show-fixes",), "show_fixes", "flag", None, "List the fixes that were applied."),
    (("--exit-non-zero-on-fix",), "exit_non_zero_on_fix", "flag", None, "Exit 1 when something was fixed."),
    (("--diff",), "diff", "flag", None, "Print the fixes as a unified diff; write nothing."),
    (("--output-format",), "output_format", "choice", OUTPUT_FORMATS, None),
    (("-o", "--output-file"), "output_file", "path", None, "Write the report to a file."),
    (("--stdin-filename",), "stdin_filename", "text", None, "Read the file from stdin and lint it as this path."),
    (("--exit-zero",), "exit_zero", "flag", None, "Exit 0 even when findings remain."),
    (("--statistics",), "statistics", "flag", None, "Print counts per rule."),
    (("--no-cache",), "no_cache", "flag", None, "Do not read or write the cache."),
    (("--cache-dir",), "cache_dir", "path", None, "Cache folder (default .odoolint_cache)."),
    (("--jobs", "-j"), "jobs", "jobs", None, "Processes for the per-file phase."),
    (("--config",), "config_file", "file", None, "Use this configuration file."),
    (("--exclude",), "exclude", "multi", None, "Replace the exclude globs."),
    (("--extend-exclude",), "extend_exclude", "multi", None, "Add exclude globs."),
    (("--force-exclude",), "force_exclude", "flag-none", None, "Apply excludes to paths given explicitly."),
    (("--no-respect-gitignore",), "no_respect_gitignore", "flag", None, "Lint files that .gitignore ignores."),
    (("--addons-path",), "addons_paths", "multi", None, "Extra folders of addons for depends."),
    (("--baseline",), "baseline_file", "file", None, "Accept the findings recorded in this baseline file."),
    (("--write-baseline",), "write_baseline", "file", None,
     "Record every current finding in this file (adopting odoolint on existing code) and exit 0."),
    (("--show-files",), "show_files", "flag", None,
     "List each file that would be read, with its kind and addon; lint nothing."),
    (("-v", "--verbose"), "verbose", "flag", None,
     "Also list each file read, with its kind and addon, on stderr (what --show-files prints), then lint."),
    (("--follow-external-symlinks",), "follow_external_symlinks", "flag-none", None,
     "Read files reached through a symlink that leaves the project (OL004 otherwise); never fixed."),
    (("--show-settings",), "show_settings", "flag", None,
     "Print the resolved settings (and the target version and rules they give); lint nothing."),
    (("--color",), "color", "choice", COLORS,
     "Colour the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it)."),
    (("-q", "--quiet"), "quiet", "flag", None, "Print the findings only: no summary, no progress."),
    (("--sarif-category",), "sarif_category", "text", None,
     "SARIF automationDetails.id (e.g. the CI matrix job), so runs do not replace each other's code-scanning "
     "alerts."),
)

_VALUE_KINDS = frozenset({"multi", "text", "path", "file", "choice", "jobs"})


def defaults() -> dict:
    """Every parameter of `check` as click gives it when no option is used."""
    out: dict = {"paths": ()}
    for _, dest, kind, choices, _ in OPTIONS:
        out[dest] = () if kind == "multi" else False if kind == "flag" else \
            (choices[0] if kind == "choice" and dest == "color" else None)
    return out


def _names() -> dict[str, tuple[str, str, Optional[tuple], Optional[bool]]]:
    """option name -> (parameter, kind, choices, value of a switch name)"""
    out = {}
    for names, dest, kind, choices, _ in OPTIONS:
        for name in names:
            if kind == "switch":
                on, off = name.split("/")
                out[on], out[off] = (dest, kind, choices, True), (dest, kind, choices, False)
            else:
                out[name] = (dest, kind, choices, None)
    return out


def _path_ok(value: str, dir_okay: bool = True) -> bool:
    """click.Path's checks (readable; not a folder when dir_okay is False) for a path that exists."""
    try:
        st = os.stat(value)
    except OSError:
        return True
    import stat
    if not dir_okay and stat.S_ISDIR(st.st_mode):
        return False
    return os.access(value, os.R_OK)


def parse_argv(argv: list[str]) -> Optional[dict]:
    """The parameters of `odoolint check ARGS` (argv: `check` and its arguments) as click would give them, or
    None when click should read this command line itself (anything but a plain use of the table's options)."""
    if not argv or argv[0] != "check":
        return None
    names = _names()
    params = defaults()
    multi: dict[str, list] = {}
    paths: list[str] = []
    args = argv[1:]
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--" or not token:
            return None
        if not token.startswith("-") or token == "-":
            paths.append(token)
            continue
        if token.startswith("--"):
            name, eq, inline = token.partition("=")
        elif len(token) == 2:
            name, eq, inline = token, "", ""
        else:
            return None                      # `-j2`, `-qv`: click's business
        spec = names.get(name)
        if spec is None:
            return None                      # --help, an unknown option: click says what is wrong
        dest, kind, choices, switch = spec
        if kind not in _VALUE_KINDS:
            if eq:
                return None
            params[dest] = switch if kind == "switch" else True
            continue
        if eq:
            value = inline
        else:
            if i >= len(args) or args[i].startswith("-"):
                return None
            value = args[i]
            i += 1
        if kind == "multi":
            multi.setdefault(dest, []).append(value)
        elif kind == "text":
            params[dest] = value
        elif kind == "choice":
            if value not in choices:
                return None
            params[dest] = value
        elif kind == "jobs":
            if not (value.isascii() and value.isdigit()) or int(value) < 1:
                return None
            params[dest] = int(value)
        else:
            if not _path_ok(value, dir_okay=kind != "file"):
                return None
            params[dest] = Path(value)
    for p in paths:
        if not _path_ok(p):
            return None
    params["paths"] = tuple(Path(p) for p in paths)
    for dest, values in multi.items():
        params[dest] = tuple(values)
    return params


def run_standalone(params: dict) -> None:
    """`run(**params)` as click's standalone mode runs a command: Ctrl-C or a closed stdin print `Aborted!` and
    exit 1, a closed stdout (a pipe into `head`) exits 1 quietly, a configuration error is one line, exit 2."""
    import errno
    try:
        try:
            run(**params)
        except (EOFError, KeyboardInterrupt):
            _echo(err=True)
            raise _Aborted() from None
    except _Aborted:
        _echo("Aborted!", err=True)
        sys.exit(1)
    except ConfigError as exc:
        _echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            from click.utils import PacifyFlushWrapper
            sys.stdout = PacifyFlushWrapper(sys.stdout)     # type: ignore[assignment]
            sys.stderr = PacifyFlushWrapper(sys.stderr)     # type: ignore[assignment]
            sys.exit(1)
        raise
    sys.exit(EXIT_CLEAN)


class _Aborted(Exception):
    pass


def _echo(message: Optional[str] = None, err: bool = False, nl: bool = True) -> None:
    """click.echo (click is imported only when there is something to say besides the report)."""
    import click
    click.echo(message, err=err, nl=nl)


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


def run(paths, select, extend_select, ignore, odoo_version, fix, unsafe_fixes, fix_only, show_fixes,
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
                _echo(line)
            sys.exit(EXIT_CLEAN)
        if verbose and not stdin_filename:
            from .showfiles import listing
            for line in listing(list(paths), root, settings):
                _echo(line, err=True)
        if show_settings:
            from .settings_view import render as settings_text
            _echo(settings_text(list(paths), root, settings, origin), nl=False)
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
                                    write_baseline=write_baseline, progress=bar.update if bar else None,
                                    freeze_read=True))
        finally:
            if bar is not None:
                bar.close()
    except ConfigError as exc:
        _echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)

    for warning in result.warnings:
        _echo(f"warning: {warning}", err=True)
    for err in result.errors:
        _echo(f"error: internal failure, please report it: {err}", err=True)
    for failure in result.failures:      # the run's own errors (a missing path, an unwritable file): exit 2
        _echo(f"error: {failure}", err=True)
    failed = bool(result.errors or result.failures)
    if result.baseline_written is not None:
        _echo(f"Wrote {result.baseline_written} finding{'s' if result.baseline_written != 1 else ''} to "
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
        _echo(f"Would fix {total_fixed} error{'s' if total_fixed != 1 else ''} in {n} file"
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
        _echo(f"warning: {warning}", err=True)
    if output_file:
        try:
            output_file.write_bytes(text.encode("utf-8", "surrogateescape"))
        except OSError as exc:
            from .names import shown
            _echo(f"error: cannot write the report to {shown(str(output_file))}: {exc.strerror or exc}",
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
