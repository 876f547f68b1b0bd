"""What libpq, Postgres, compose and Odoo print when the deployment a project rule finds runs."""
from odoolint.symptoms import Symptom

_WAIT = ("the official Odoo image", "odoo/docker@f7f6765 17.0-19.0 wait-for-psql.py: print(\"Database connection "
         "failure: %s\") before the entrypoint gives up")
_SUPAVISOR = ("Supavisor (Supabase's pooler)", "supabase/supavisor lib/supavisor/client_handler/error.ex "
              "(\"Tenant or user not found\", until 71eb86b, March 2026); since then "
              "lib/supavisor/errors/tenant_or_user_not_found_error.ex \"tenant/user %s.%s not found\"")
_UNREACHABLE = ("libpq", "src/interfaces/libpq/fe-connect.c \"connection to server at \\\"%s\\\" (%s), port %s "
                "failed: \" + strerror(ENETUNREACH) (PostgreSQL 14+)")
_NOT_SET = ("docker compose", "compose-spec/compose-go@e70e961 template/template.go: logrus.Warnf(\"The %q variable is "
            "not set. Defaulting to a blank string.\")")
_INTERPOLATION = ("docker compose", "compose-spec/compose-go@e70e961 interpolation/interpolation.go \"invalid "
                  "interpolation format for %s.\\nYou may need to escape any $ with another $.\"")

SYMPTOMS = {
    "DEP101": (
        Symptom(r"could not translate host name \"(?P<host>[^\"]+)\" to address", "libpq",
                "PostgreSQL src/interfaces/libpq/fe-connect.c `PQconnectPoll`: \"could not translate host name "
                "\\\"%s\\\" to address: %s\" (gai_strerror)",
                'psycopg2.OperationalError: could not translate host name "postgres" to address: Name or service '
                'not known',
                "Odoo's db_host is no service, alias or container_name on the Odoo service's networks"),
        Symptom(r"Database connection failure: .{0,200}translate host name \"(?P<host>[^\"]+)\"", *_WAIT,
                'Database connection failure: could not translate host name "db" to address: Temporary failure '
                'in name resolution',
                "the entrypoint waits for a database host that no container on its networks answers to"),
    ),
    "DEP110": (
        Symptom(r"remaining connection slots are reserved for (?:roles with|non-replication superuser)",
                "PostgreSQL", "src/backend/utils/init/postinit.c `InitPostgres` (16+: \"... reserved for roles with "
                "the %s attribute\" / \"... with privileges of the \\\"%s\\\" role\"; up to 15: \"... reserved "
                "for non-replication superuser connections\")",
                "FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute",
                "Odoo's workers × db_maxconn can open more connections than Postgres' max_connections"),
        Symptom(r"sorry, too many clients already", "PostgreSQL",
                "src/backend/storage/lmgr/proc.c `InitProcess` (ERRCODE_TOO_MANY_CONNECTIONS)",
                "FATAL:  sorry, too many clients already",
                "Odoo's workers × db_maxconn can open more connections than Postgres' max_connections"),
    ),
    "DEP114": (
        Symptom(r"Couldn't bind the websocket", "Odoo",
                "addons/bus/websocket.py `WebsocketConnectionHandler.open_connection` RuntimeError (16.0-19.0)",
                "RuntimeError: Couldn't bind the websocket. Is the connection opened on the evented port (8072)?",
                "the proxy sends /websocket to the HTTP port while Odoo runs workers (or the reverse)"),
    ),
    "DC108": (
        Symptom(r"dependency failed to start: container (?P<container>\S+) has no healthcheck configured",
                "docker compose", "docker/compose@f729794 pkg/compose/convergence.go: \"dependency failed to start: "
                "%w\" around \"container %s has no healthcheck configured\"",
                "dependency failed to start: container odoo-db-1 has no healthcheck configured",
                "`condition: service_healthy` on a service without a healthcheck"),
    ),
    "DC104": (
        Symptom(r"the database system is starting up", "PostgreSQL",
                "src/backend/postmaster/postmaster.c `ProcessStartupPacket` (CAC_STARTUP; backend_startup.c in 18)",
                "FATAL:  the database system is starting up",
                "Odoo connects before Postgres is ready: `depends_on` lacks `condition: service_healthy`"),
        Symptom(r"port (?P<port>\d+) failed: Connection refused", "libpq",
                "src/interfaces/libpq/fe-connect.c \"connection to server at \\\"%s\\\" (%s), port %s failed: \" "
                "+ strerror(ECONNREFUSED), hint \"Is the server running on that host and accepting TCP/IP "
                "connections?\" (PostgreSQL 14+)",
                'connection to server at "db" (172.18.0.2), port 5432 failed: Connection refused',
                "Odoo started before Postgres listens: `depends_on` lacks `condition: service_healthy`",
                specific=False),
    ),
    "DEP102": (
        Symptom(r"dependency failed to start: container (?P<container>\S+) is unhealthy", "docker compose",
                "docker/compose@f729794 pkg/compose/convergence.go: \"container %s is unhealthy\"",
                "dependency failed to start: container stack-odoo-1 is unhealthy",
                "the Odoo healthcheck probes a port Odoo does not listen on", specific=False),
    ),
    "DEP112": (
        Symptom(r"Tenant or user not found|tenant/user (?P<user>\S+) not found", *_SUPAVISOR,
                "FATAL:  Tenant or user not found",
                "the Supabase pooler routes on the user name, which lacks `.<project-ref>`"),
    ),
    "DEP113": (
        Symptom(r"connection to server at \"(?P<host>db\.[\w-]+\.supabase\.co)\" \([0-9a-fA-F:]+\), port \d+ failed: "
                r"Network is unreachable", *_UNREACHABLE,
                'connection to server at "db.abcdefghijklmnop.supabase.co" (2a05:d014:1c06:5f01::1), port 5432 '
                'failed: Network is unreachable',
                "the direct Supabase host is IPv6-only and containers have no IPv6 route"),
    ),
    "ENV101": (
        Symptom(r"The \"(?P<name>\w+)\" variable is not set\. Defaulting to a blank string", *_NOT_SET,
                'WARN[0000] The "word" variable is not set. Defaulting to a blank string.',
                "an unescaped `$` in an env file value that compose interpolates", specific=False),
        Symptom(r"invalid interpolation format for", *_INTERPOLATION,
                "invalid interpolation format for services.odoo.environment.[]: \"PASSWORD=pa${ss\"",
                "an unescaped `$` in an env file value that compose interpolates", specific=False),
    ),
}
