"""What Python and Odoo print when addon code uses what a Python rule finds (see odoolint/symptoms.py)."""
import re

from odoolint.symptoms import Symptom

from .renames import tables

_IMPORT = ("Python", "CPython Python/ceval.c `import_from`: \"cannot import name %R from %R (%S)\"")
_MODULE_ATTR = ("Python", "CPython Objects/moduleobject.c `module_getattro`: \"module '%U' has no attribute '%U'\"")
_OBJECT_ATTR = ("Python", "CPython Objects/object.c `_PyObject_GenericGetAttrWithDict`: \"'%.100s' object has no "
                "attribute '%U'\" (Odoo names record classes after their model)")
_INVALID_FIELD = ("Odoo", "odoo/models.py `BaseModel.create`/`write`: ValueError(\"Invalid field %r on model %r\") "
                  "(16.0-18.0; odoo/orm/models.py in 19.0)")
_UNKNOWN_PARAM = ("Odoo", "odoo/fields.py `Field.setup` warning \"Field %s: unknown parameter %r, if this is an actual "
                  "parameter you may want to override the method _valid_field_parameter ...\" (16.0-18.0; "
                  "odoo/orm/fields.py in 19.0)")


def _alternatives(values) -> str:
    return "|".join(re.escape(v) for v in sorted(set(values)))


def _fields(why: str, table: dict) -> tuple:
    """The fields of a rule's table ((model, field) -> ...): 'Invalid field' from vals, AttributeError from reads."""
    fields, models = _alternatives(f for _, f in table), _alternatives(m for m, _ in table)
    model, field = next(iter(table))
    return (Symptom(rf"Invalid field '(?P<field>{fields})' on model '(?P<model>{models})'", *_INVALID_FIELD,
                    f"ValueError: Invalid field '{field}' on model '{model}'", why),
            Symptom(rf"'(?P<model>{models})' object has no attribute '(?P<field>{fields})'", *_OBJECT_ATTR,
                    f"AttributeError: '{model}' object has no attribute '{field}'", why))


SYMPTOMS = {
    "PY202": (
        Symptom(r"cannot import name '(?P<name>registry)' from 'odoo'", *_IMPORT,
                "ImportError: cannot import name 'registry' from 'odoo' (unknown location)",
                "Odoo 19.0 removed `odoo.registry`: import `Registry` from `odoo.modules.registry`"),
        Symptom(r"DeprecationWarning: Use directly odoo\.modules\.registry\.Registry", "Odoo",
                "odoo/__init__.py 18.0 `registry()`: warnings.warn(\"Use directly odoo.modules.registry.Registry\", "
                "DeprecationWarning)",
                "DeprecationWarning: Use directly odoo.modules.registry.Registry",
                "Odoo 18.0 deprecated `odoo.registry()`"),
    ),
    "PY101": (
        Symptom(r"cannot import name '(?P<name>xlsxwriter)' from 'odoo\.tools\.misc'", *_IMPORT,
                "ImportError: cannot import name 'xlsxwriter' from 'odoo.tools.misc' "
                "(/usr/lib/python3/dist-packages/odoo/tools/misc.py)",
                "Odoo 19.0's odoo/tools/misc.py no longer imports xlsxwriter: `import xlsxwriter` directly"),
    ),
    "PY206": (
        Symptom(r"cannot import name '(?P<name>\w+)' from 'odoo\.addons\.web\.controllers\.main'", *_IMPORT,
                "ImportError: cannot import name 'Home' from 'odoo.addons.web.controllers.main' "
                "(/usr/lib/python3/dist-packages/odoo/addons/web/controllers/main.py)",
                "Odoo 18.0 emptied web/controllers/main.py: import from the module that defines the class"),
    ),
    "PY104": (
        Symptom(r"module 'odoo\.api' has no attribute '(?P<name>returns)'", *_MODULE_ATTR,
                "AttributeError: module 'odoo.api' has no attribute 'returns'",
                "Odoo 19.0 removed `@api.returns`"),
    ),
    "PY351": (
        Symptom(r"module 'odoo\.api' has no attribute '(?P<name>multi|one)'", *_MODULE_ATTR,
                "AttributeError: module 'odoo.api' has no attribute 'multi'",
                "`@api.multi`/`@api.one` were removed in 13.0"),
    ),
    "PY302": (
        Symptom(r"'(?P<model>[\w.]+)' object has no attribute '(?P<name>flush|recompute|refresh|invalidate_cache)'",
                *_OBJECT_ATTR, "AttributeError: 'res.partner' object has no attribute 'flush'",
                "Odoo 17.0 removed `flush()`, `recompute()`, `refresh()` and `invalidate_cache()`"),
    ),
    "PY204": (
        Symptom(r"'(?P<model>[\w.]+)' object has no attribute '(?P<name>user_has_groups)'", *_OBJECT_ATTR,
                "AttributeError: 'sale.order' object has no attribute 'user_has_groups'",
                "Odoo 18.0 removed `user_has_groups()`: use `self.env.user.has_groups()`"),
    ),
    "PY107": (
        Symptom(r"Model attribute '_sql_constraints' is no longer supported", "Odoo",
                "odoo/orm/model_classes.py 19.0: _logger.warning(\"Model attribute '_sql_constraints' is no longer "
                "supported, please define model.Constraint on the model.\")",
                "Model attribute '_sql_constraints' is no longer supported, please define model.Constraint on the "
                "model.",
                "Odoo 19.0 ignores `_sql_constraints`: the constraint is never created"),
    ),
    "PY105": (
        Symptom(r"Field (?P<field>[\w.]+): unknown parameter '(?P<param>auto_join)'", *_UNKNOWN_PARAM,
                "Field res.partner.category_id: unknown parameter 'auto_join', if this is an actual parameter you "
                "may want to override the method _valid_field_parameter on the relevant model in order to allow it",
                "Odoo 19.0 renamed the field parameter `auto_join` to `bypass_search_access`"),
    ),
    "PY201": (
        Symptom(r"Field (?P<field>[\w.]+): unknown parameter '(?P<param>unaccent)'", *_UNKNOWN_PARAM,
                "Field res.partner.name: unknown parameter 'unaccent', if this is an actual parameter you may want to "
                "override the method _valid_field_parameter on the relevant model in order to allow it",
                "Odoo 18.0 dropped the field parameter `unaccent`"),
    ),
    "PY354": (
        Symptom(r"Field (?P<field>[\w.]+): unknown parameter '(?P<param>track_visibility)'", *_UNKNOWN_PARAM,
                "Field sale.order.state: unknown parameter 'track_visibility', if this is an actual parameter you "
                "may want to override the method _valid_field_parameter on the relevant model in order to allow it",
                "`track_visibility` is not a field parameter: use `tracking=True`"),
    ),
    "PY110": _fields("Odoo 19.0 renamed fields on known models (`tax_id` -> `tax_ids`, `groups_id` -> `group_ids`)",
                     tables.FIELDS_19),
    "PY118": _fields("Odoo 19.0 removed fields on known models (`mobile` on partners, uom `category_id`)",
                     tables.FIELDS_GONE_19),
    "PY207": _fields("Odoo 18.0 renamed fields on known models (`reversal_move_id` -> `reversal_move_ids`)",
                     tables.FIELDS_18),
    "PY208": _fields("Odoo 18.0 removed fields on known models (`period_lock_date`, `detailed_type`)",
                     tables.FIELDS_GONE_18),
    "PY308": _fields("Odoo 17.0 removed stock quantity fields (`qty_done`, `quantity_done`, ...)",
                     tables.FIELDS_GONE_17),
}
