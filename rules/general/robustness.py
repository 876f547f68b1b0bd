"""Rules about odoolint's own safety on hostile input: what it could not do, and why.

Their functions are never called: the engine and the runner report through them.
"""
from odoolint.registry import rule


@rule("OL003", "internal-error", summary="A rule or parser of odoolint failed on this file",
      kinds=["*"], severity="error", tags=["correctness"], project=True,
      what="Reports that one of odoolint's own rules, fact extractors or parsers raised an exception on this file. "
           "The failure is contained: the other rules still ran on the file and the run went on; the exit code is "
           "2 (an internal failure), as for any other internal error, and the traceback is printed on stderr.",
      why="A linter that crashes on a strange file reports nothing at all for the whole tree, which looks exactly "
          "like a clean run; a contained failure names the rule and the file so it can be reported and fixed.",
      before="runs-on: [{group: x}]   # made a rule raise TypeError and the run end",
      after="ci.yml:1:1: OL003 internal error: rule GHA103 (...) failed on this file: TypeError: ...",
      source="odoolint's own behaviour (ruff reports a panicking rule as an error diagnostic and goes on).")
def internal_error(project):  # reported by the engine's guard
    return ()


@rule("OL004", "symlink-outside-project", summary="A file reached through a symlink that leaves the project",
      kinds=["*"], severity="warning", tags=["security"], project=True,
      what="Reports a file that is a symbolic link (or lies under a linked folder) whose target is outside the "
           "project root. Such a file is not read, its lines are never printed, and `--fix` never writes to it. "
           "`--follow-external-symlinks` (or `follow-external-symlinks = true` in the configuration) reads it "
           "anyway; even then `--fix` leaves it alone.",
      why="A pull request can add `odoo.conf -> /etc/odoo/odoo.conf` or `x.py -> ~/.ssh/id_rsa`: a linter that "
          "follows it prints secrets of the CI machine in excerpts, logs and SARIF uploads, and a fix would write "
          "outside the checkout (git does not follow symlinks that leave the work tree either).",
      before="odoo.conf -> /etc/odoo/odoo.conf", after="odoo.conf (a regular file of the project)",
      source="odoolint's own behaviour, modelled on git's refusal to follow symlinks outside the work tree.")
def symlink_outside_project(project):  # reported by the runner
    return ()


@rule("OL005", "fix-not-converging", summary="Fixes of this file did not reach a fixpoint and were dropped",
      kinds=["*"], severity="warning", tags=["correctness"], project=True,
      what="Reports a file whose fixes were still changing it after the last fix round, or whose fixed text "
           "would carry a parse error the original did not have. None of that file's fixes are written; the "
           "message names the rules whose fixes kept changing it (or the error they introduced).",
      why="Fixes that undo each other, or grow the file each round, leave a file that a second `--fix` changes "
          "again: the fix is not trustworthy, so the file is left exactly as it was.",
      before="two fixes that keep rewriting the same line", after="the file untouched, and this warning",
      source="odoolint's own behaviour (ruff reports 'Failed to converge after N iterations' and keeps the file).")
def fix_not_converging(project):  # reported by the runner's fix rounds
    return ()


@rule("OL006", "fix-not-written", summary="A fixed file could not be written safely",
      kinds=["*"], severity="error", tags=["correctness"], project=True,
      what="Reports a file whose fixes were computed but not written: it cannot be written (permissions, a full "
           "disk), it is a symbolic link that leaves the project, or it lies outside the project. The file is "
           "left exactly as it was.",
      why="A fix that silently fails to land, or that lands outside the checkout, is worse than no fix.",
      before="--fix on a read-only file", after="x.xml:1:1: OL006 fixes not written: Permission denied",
      source="odoolint's own behaviour.")
def fix_not_written(project):  # reported by the runner's writer
    return ()
