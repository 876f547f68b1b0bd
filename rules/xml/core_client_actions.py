"""Client action tags that Odoo itself registers in the web client's "actions" registry

Extracted from `registry.category("actions").add("<tag>", ...)` (and `actionRegistry.add(...)` aliases, legacy
`action_registry.add(...)`) in the JavaScript of the public 16.0, 17.0, 18.0 and 19.0 trees named in RULES.md
(S16-S19, community and the enterprise addons those copies include), tests excluded. A union: a tag known to any
of these releases is never reported, so the rule errs on the side of silence."""

CORE_CLIENT_ACTIONS = frozenset({
    "account_import_action", "account_import_guide", "account_peppol.what_is_peppol", "account_report",
    "account_reports.redirect_action", "action_dashboard_add_spreadsheet", "action_download_spreadsheet",
    "action_edit_dashboard", "action_esg_dashboard", "action_get_drive_certificate", "action_open_spreadsheet",
    "action_open_spreadsheet_history", "action_open_template", "action_peppol_auth_callback",
    "action_post_sign_invoice", "action_quality_spreadsheet_template", "action_return_close_wizard",
    "action_return_refresh", "action_sale_order_spreadsheet", "action_spreadsheet_dashboard",
    "action_spreadsheet_quality", "action_web_studio_app_creator", "action_web_studio_form",
    "action_web_studio_leave_with", "agent_chat_action", "ai_open_sources_dialog", "apps", "apps.updates",
    "backend_dashboard", "close_followup_wizard", "discover_iot_boxes", "display_exception", "display_notification",
    "do_multi_print", "doc_api_key_wizard", "document_action_preference", "employee_barcode_scanner",
    "equity.CapTable", "equity.ValuationChart", "even_barcode.event_barcode_scan_view",
    "event.event_barcode_scan_view", "expense_qr_code_modal", "generate_pricelist", "generate_pricelist_report",
    "get_tyro_report", "home", "hr_attendance_greeting_message", "hr_attendance_kiosk_confirm",
    "hr_attendance_kiosk_mode", "hr_attendance_my_attendances",
    "hr_expense_stripe.expense_stripe_card_receive_terms", "hr_expense_stripe.expense_stripe_issuing_terms",
    "hr_expense_stripe.pause_card_warning_action", "hr_expense_stripe.private_card_view_action",
    "hr_payroll_dashboard", "hr_referral_welcome", "import", "import_bank_stmt", "import_loan", "install_kiosk_pwa",
    "invalid_action", "iot_delete_linked_devices_action", "journal_create_wizard", "l10n_in_bill_qr_code_scan",
    "l10n_ke_post_send", "login", "logout", "mail.action_discuss", "mail.discuss_call_settings_action",
    "mail.discuss_notification_settings_action", "manual_reconciliation_view", "menu", "mrp_bom_report",
    "mrp_display", "mrp_mo_overview", "mrp_mps_client_action", "odoo_fin_connector", "open_website_custom_menu",
    "pair_tyro_terminal", "pos_qr_stands", "post_send", "project_show_template_notification",
    "project_show_template_undo_confirmation_dialog", "project_template_show_notification",
    "project_template_show_undo_confirmation_dialog", "project_to_template_redirection_action", "reception_report",
    "reload", "reload_context", "replenish_report", "sale_subscription_dashboard_detailed",
    "sale_subscription_dashboard_forecast", "sale_subscription_dashboard_main",
    "sale_subscription_dashboard_salesman", "sign.Document", "sign.SignableDocument", "sign.Template",
    "sign_download_document_and_return", "sign_share_and_close_action", "soft_reload", "spreadsheet_test_action",
    "stock_barcode_client_action", "stock_barcode_main_menu", "stock_forecasted", "stock_report_generic",
    "stock_valuation_report", "studio", "studio_export_action", "swissdec_interoperability_client",
    "tablet_client_action", "transfer_call", "web_studio.action_editor", "web_studio.report_editor",
    "web_studio.view_editor", "website_configurator", "website_generator", "website_preview",
    "website_view_hierarchy",
})
