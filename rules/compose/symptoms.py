"""What the postgres image and compose print for the compose files a compose rule finds."""
from odoolint.symptoms import Symptom

_PG18 = ("the official postgres image", "docker-library/postgres@6edb0a8 18/*/docker-entrypoint.sh "
         "`docker_error_old_databases`")

SYMPTOMS = {
    "DC101": (
        Symptom(r"Error: in 18\+, these Docker images are configured to store database data in a", *_PG18,
                "Error: in 18+, these Docker images are configured to store database data in a",
                "postgres 18+ keeps its cluster under /var/lib/postgresql/18/docker; a mount at "
                "/var/lib/postgresql/data stops it"),
        Symptom(r"/var/lib/postgresql/data \(unused mount/volume\)", *_PG18,
                "/var/lib/postgresql/data (unused mount/volume)",
                "postgres 18+ refuses to start with a volume at the old data path"),
    ),
    "DC102": (
        Symptom(r"The \"(?P<name>\w+)\" variable is not set\. Defaulting to a blank string", "docker compose",
                "compose-spec/compose-go@e70e961 template/template.go: logrus.Warnf(\"The %q variable is not set. "
                "Defaulting to a blank string.\")",
                'WARN[0000] The "word" variable is not set. Defaulting to a blank string.',
                "a `$` in a password or hash that compose interpolates (write `$$`)", specific=False),
        Symptom(r"invalid interpolation format for", "docker compose",
                "compose-spec/compose-go@e70e961 interpolation/interpolation.go \"invalid interpolation format for "
                "%s.\\nYou may need to escape any $ with another $.\"",
                "invalid interpolation format for services.odoo.environment.[]: \"PASSWORD=pa${ss\"",
                "a `$` that compose reads as the start of a variable (write `$$`)", specific=False),
    ),
}
