"""Rules about odoolint itself: unused suppressions and disagreeing Odoo versions."""
from odoolint.registry import rule


@rule("OL001", "unused-noqa", summary="Suppression comment that suppresses nothing",
      kinds=["*"], severity="warning", tags=["style"], project=True,
      what="Reports `# noqa`, `<!-- odoolint: noqa -->` and `odoolint: noqa-file` comments (or single codes in "
           "them) that matched no finding of a rule that ran, and codes of odoolint's namespace that name no rule. "
           "Codes of other linters (E501, C901, ...), a blanket `# noqa` in Python (flake8 and ruff read it too), "
           "pylint and oca-hooks comments are left alone: other tools read them.",
      why="A stale suppression hides the next real finding on that line and tells readers something false.",
      before="cr.commit()  # noqa: PY401", after="cr.commit()  # noqa: PY402",
      source="odoolint's own behaviour, modelled on ruff RUF100.")
def unused_noqa(project):  # computed by the runner's suppression step
    return ()


@rule("OL002", "odoo-version-conflict", summary="Odoo version sources disagree",
      kinds=["manifest", "compose", "dockerfile"], severity="error", tags=["migration", "deploy"], project=True,
      what="Reports manifests whose five-part `version` names different Odoo series, and Odoo image tags "
           "(compose `image:`, Dockerfile `FROM`) or `.copier-answers.yml` that disagree with the manifests. "
           "When the manifests disagree among themselves, odoolint assumes no target version.",
      why="Odoo 17.0+ refuses to load a module whose version names another series (odoo/modules/module.py "
          "`adapt_version` raises ValueError in 17.0/18.0; 19.0 marks it `installable=False`), and a database "
          "created by one major cannot be opened by another image.",
      before="__manifest__.py: 'version': '17.0.1.0.0'\ndocker-compose.yml: image: odoo:18",
      after="__manifest__.py: 'version': '18.0.1.0.0'\ndocker-compose.yml: image: odoo:18",
      source="odoo/modules/module.py `adapt_version` (17.0, 18.0) and `load_manifest` version check (19.0)")
def odoo_version_conflict(project):  # computed by the runner's version detection
    return ()
