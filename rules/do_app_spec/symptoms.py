"""What Odoo, libpq and the Supabase pooler print for the app specs and URIs these rules find."""
from odoolint.symptoms import Symptom

SYMPTOMS = {
    "DO105": (
        Symptom(r"Couldn't bind the websocket", "Odoo",
                "addons/bus/websocket.py `WebsocketConnectionHandler.open_connection` RuntimeError (16.0-19.0)",
                "RuntimeError: Couldn't bind the websocket. Is the connection opened on the evented port (8072)?",
                "Odoo runs workers on DO but /websocket is not routed to the gevent port"),
    ),
    "PG102": (
        Symptom(r"Tenant or user not found|tenant/user (?P<user>\S+) not found", "Supavisor (Supabase's pooler)",
                "supabase/supavisor lib/supavisor/client_handler/error.ex (\"Tenant or user not found\", until "
                "71eb86b, March 2026); since then lib/supavisor/errors/tenant_or_user_not_found_error.ex",
                "FATAL:  Tenant or user not found",
                "a Supabase pooler URI whose user lacks `.<project-ref>`"),
    ),
    "PG103": (
        Symptom(r"invalid URI query parameter: \"(?P<param>pgbouncer)\"", "libpq",
                "PostgreSQL src/interfaces/libpq/fe-connect.c `conninfo_uri_parse_params`: \"invalid URI query "
                "parameter: \\\"%s\\\"\"",
                'invalid URI query parameter: "pgbouncer"',
                "`pgbouncer=true` is a Prisma flag that libpq and psycopg2 reject"),
    ),
    "PG104": (
        Symptom(r"connection to server at \"(?P<host>db\.[\w-]+\.supabase\.co)\" \([0-9a-fA-F:]+\), port \d+ failed: "
                r"Network is unreachable", "libpq",
                "src/interfaces/libpq/fe-connect.c \"connection to server at \\\"%s\\\" (%s), port %s failed: \" + "
                "strerror(ENETUNREACH) (PostgreSQL 14+)",
                'connection to server at "db.abcdefghijklmnop.supabase.co" (2a05:d014:1c06:5f01::1), port 5432 '
                'failed: Network is unreachable',
                "the direct Supabase host is IPv6-only; containers and CI runners have no IPv6 route"),
    ),
}
