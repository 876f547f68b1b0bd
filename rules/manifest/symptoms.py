"""What Odoo logs while it loads the manifests a manifest rule finds (see odoolint/symptoms.py)."""
from odoolint.symptoms import Symptom

SYMPTOMS = {
    "MF103": (
        Symptom(r"Missing `license` key in manifest for '(?P<module>\w+)', defaulting to LGPL-3", "Odoo",
                "odoo/modules/module.py `load_manifest`: _logger.warning(\"Missing `license` key in manifest for %r, "
                "defaulting to LGPL-3\") (16.0-19.0)",
                "Missing `license` key in manifest for 'my_module', defaulting to LGPL-3",
                "the manifest has no `license`"),
    ),
    "MF104": (
        Symptom(r"module \w+: Unmet dependencies: \w", "Odoo",
                "odoo/modules/graph.py `Graph.add_modules`: _logger.info('module %s: Unmet dependencies: %s') "
                "(16.0, 17.0)",
                "module my_module: Unmet dependencies: sale_extra",
                "`depends` names an addon that exists nowhere in the addons paths, so the module never loads"),
    ),
}
