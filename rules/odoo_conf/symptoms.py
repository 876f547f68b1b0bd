"""What Odoo and the Supabase pooler print for the odoo.conf an odoo.conf rule finds."""
from odoolint.symptoms import Symptom

SYMPTOMS = {
    "CNF111": (
        Symptom(r"Using the database user 'postgres' is a security risk, aborting", "Odoo",
                "odoo/cli/server.py `check_postgres_user`: sys.stderr.write(\"Using the database user 'postgres' is "
                "a security risk, aborting.\") (16.0-19.0)",
                "Using the database user 'postgres' is a security risk, aborting.",
                "odoo.conf sets `db_user = postgres`, which Odoo refuses"),
    ),
    "CNF119": (
        Symptom(r"Tenant or user not found|tenant/user (?P<user>\S+) not found", "Supavisor (Supabase's pooler)",
                "supabase/supavisor lib/supavisor/client_handler/error.ex (\"Tenant or user not found\", until "
                "71eb86b, March 2026); since then lib/supavisor/errors/tenant_or_user_not_found_error.ex",
                "FATAL:  Tenant or user not found",
                "odoo.conf's db_user on the Supabase pooler lacks `.<project-ref>`"),
    ),
}
