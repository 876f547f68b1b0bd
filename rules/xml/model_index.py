"""What the scanned tree knows about each model, joined from the "models" facts: its fields and methods,
and whether it is *fully known* (FACTS.md): a class in the tree creates it (`_name` not in its own `_inherit`)
and every model it inherits from is either fully known from the tree or a well-known mixin below.

The mixin table is the union over Odoo 16.0-19.0 (S16-S19: mail/models/mail_thread.py,
mail_activity_mixin.py, mail_thread_cc.py, mail_thread_blacklist.py, mail_thread_main_attachment.py,
portal/models/portal_mixin.py, utm/models/utm_mixin.py, base/models/image_mixin.py, avatar_mixin.py), extracted
with the Python family's class reader, plus the fields core addons add to `mail.thread`
(portal `website_message_ids`, sms `message_has_sms_error`) and to `mail.activity.mixin` (calendar
`activity_calendar_event_id`). Mixins that delegate through `_inherits` (mail.alias.mixin) are not listed:
a model using them is never fully known.
"""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

# every model, from odoo/models.py BaseModel (LOG_ACCESS_COLUMNS, `id`, `display_name`; `__last_update` in 16.0)
BASE_FIELDS = frozenset({"id", "display_name", "create_uid", "create_date", "write_uid", "write_date",
                         "__last_update", "__count"})   # `__count`: the record count of graph/pivot views
# public BaseModel methods (odoo/models.py 16.0-18.0, odoo/orm/models.py 19.0, union)
BASE_METHODS = frozenset({
    "action_archive", "action_unarchive", "browse", "check_access", "check_access_rights", "check_access_rule",
    "check_field_access_rights", "clear_caches", "concat", "copy", "copy_data", "copy_multi",
    "copy_translations", "create", "default_get", "ensure_one", "exists", "export_data", "fetch", "fields_get",
    "fields_get_keys", "filtered", "filtered_domain", "flush", "flush_model", "flush_recordset", "get_base_url",
    "get_external_id", "get_field_translations", "get_metadata", "get_property_definition", "get_xml_id",
    "grouped", "has_access", "ids", "init", "invalidate_cache", "invalidate_model", "invalidate_recordset",
    "is_transient", "load", "lock_for_update", "mapped", "modified", "name_create", "name_get", "name_search",
    "new", "onchange", "read", "read_group", "recompute", "refresh", "search", "search_count", "search_fetch",
    "search_read", "sorted", "sudo", "toggle_active", "try_lock_for_update", "union", "unlink", "update",
    "update_field_translations", "user_has_groups", "with_company", "with_context", "with_env", "with_prefetch",
    "with_user", "write",
    # BaseModel methods that open the record (odoo/models.py 16.0-18.0, odoo/orm/models.py 19.0): buttons call
    # them on any model, e.g. <button name="get_formview_action" type="object"/>
    "get_formview_action", "get_formview_id", "get_access_action",
    # web/models/models.py adds these public methods to every model (16.0-19.0)
    "web_read", "web_search_read", "web_read_group", "web_save", "formatted_read_group", "read_progress_bar",
    "get_views", "load_views",
})

MIXINS: dict[str, dict] = {
    "mail.thread": {"inherit": [], "fields": {
        "has_message", "message_attachment_count", "message_follower_ids", "message_has_error",
        "message_has_error_counter", "message_ids", "message_is_follower", "message_main_attachment_id",
        "message_needaction", "message_needaction_counter", "message_partner_ids", "website_message_ids",
        "message_has_sms_error"},
        "methods": {"message_change_thread", "message_get_followers", "message_mail_with_source", "message_new",
                    "message_notify", "message_parse", "message_post", "message_post_with_source",
                    "message_post_with_template", "message_post_with_view", "message_process", "message_route",
                    "message_subscribe", "message_unsubscribe", "message_update", "notify_cancel_by_type",
                    "get_empty_list_help"}},
    "mail.activity.mixin": {"inherit": [], "fields": {
        "activity_date_deadline", "activity_exception_decoration", "activity_exception_icon", "activity_ids",
        "activity_state", "activity_summary", "activity_type_icon", "activity_type_id", "activity_user_id",
        "my_activity_date_deadline", "activity_calendar_event_id"},
        "methods": {"action_reschedule_my_next_nextweek", "action_reschedule_my_next_today",
                    "action_reschedule_my_next_tomorrow", "activity_feedback", "activity_reschedule",
                    "activity_schedule", "activity_search", "activity_send_mail", "activity_unlink"}},
    "mail.thread.blacklist": {"inherit": ["mail.thread"], "fields": {"email_normalized", "is_blacklisted",
                                                                     "message_bounce"},
                              "methods": {"mail_action_blacklist_remove"}},
    "mail.thread.cc": {"inherit": ["mail.thread"], "fields": {"email_cc"}, "methods": set()},
    "mail.thread.main.attachment": {"inherit": ["mail.thread"], "fields": {"message_main_attachment_id"},
                                    "methods": set()},
    "portal.mixin": {"inherit": [], "fields": {"access_token", "access_url", "access_warning"},
                     "methods": {"action_share", "get_portal_url"}},
    "utm.mixin": {"inherit": [], "fields": {"campaign_id", "medium_id", "source_id"},
                  "methods": {"find_or_create_record", "tracking_fields"}},
    "image.mixin": {"inherit": [], "fields": {"image_1920", "image_1024", "image_512", "image_256", "image_128"},
                    "methods": set()},
    "avatar.mixin": {"inherit": ["image.mixin"], "fields": {"avatar_1920", "avatar_1024", "avatar_512",
                                                            "avatar_256", "avatar_128"}, "methods": set()},
}


class ModelInfo:
    """What the project's classes say of one model (a plain class: `dataclasses` costs its `inspect` import)."""

    __slots__ = ("name", "creators", "extenders", "parents")

    def __init__(self, name: str):
        self.name = name
        self.creators: list = []       # (addon, entry) of classes that create the model
        self.extenders: list = []      # (addon, entry) of classes that extend it
        self.parents: set = set()      # models it inherits from (mixins, _inherits parents)


class ModelIndex:
    def __init__(self, project):
        self.models: dict[str, ModelInfo] = {}
        self.addon_models: dict[str, set[str]] = {}   # addon -> models its classes create or extend
        for pf, entries in project.facts("models"):
            if not isinstance(entries, list):
                continue
            for e in entries:
                if not isinstance(e, dict):
                    continue
                name = e.get("name")
                inherit = [i for i in (e.get("inherit") or []) if isinstance(i, str)]
                if name and name not in inherit:
                    info = self._get(name)
                    info.creators.append((pf.addon, e))
                    info.parents.update(inherit)
                elif name or inherit:
                    model = name or inherit[0]
                    info = self._get(model)
                    info.extenders.append((pf.addon, e))
                    info.parents.update(i for i in inherit if i != model)
                else:
                    continue
                info.parents.update(k for k in (e.get("inherits") or {}) if isinstance(k, str))
                if pf.addon:
                    self.addon_models.setdefault(pf.addon, set()).add(info.name)

    def _get(self, name: str) -> ModelInfo:
        if name not in self.models:
            self.models[name] = ModelInfo(name)
        return self.models[name]

    def fully_known(self, model: Optional[str], _seen: Optional[set] = None) -> bool:
        if not model:
            return False
        seen = _seen if _seen is not None else set()
        if model in seen:
            return True
        seen.add(model)
        if model in MIXINS:
            return all(self.fully_known(p, seen) for p in MIXINS[model]["inherit"])
        info = self.models.get(model)
        if info is None or not info.creators:
            return False
        return all(self.fully_known(p, seen) for p in info.parents)

    def _collect(self, model: str, key: str, seen: set) -> set:
        if model in seen:
            return set()
        seen.add(model)
        if model in MIXINS:
            out = set(MIXINS[model][key])
            for p in MIXINS[model]["inherit"]:
                out |= self._collect(p, key, seen)
            return out
        info = self.models.get(model)
        if info is None:
            return set()
        out = set()
        for _addon, e in info.creators + info.extenders:
            values = e.get(key) or ([] if key == "methods" else {})
            out.update(values)
        for p in info.parents:
            out |= self._collect(p, key, seen)
        return out

    def comodel(self, model: str, field_name: str):
        """The comodel of a relational field of the model's classes (or its parents'), if the tree says."""
        seen, stack = set(), [model]
        while stack:
            m = stack.pop()
            if m in seen:
                continue
            seen.add(m)
            info = self.models.get(m)
            if info is None:
                continue
            for _addon, e in info.creators + info.extenders:
                f = (e.get("fields") or {}).get(field_name)
                if isinstance(f, dict) and f.get("comodel"):
                    return f["comodel"]
            stack.extend(info.parents)
        return None

    def fields(self, model: str) -> set:
        return self._collect(model, "fields", set()) | BASE_FIELDS

    def methods(self, model: str) -> set:
        return self._collect(model, "methods", set()) | BASE_METHODS


def model_xmlid_name(model: str) -> str:
    """The `ir.model` xml id name Odoo generates for a model (`model_` + dots as underscores)."""
    return "model_" + model.replace(".", "_")
