"""The Odoo and Postgres images people run, and what each one's entrypoint does (a data table, one row an image).

Facts read from each image's own repository at the commit named in `source`:

- official `odoo` (odoo/docker@f7f6765 {17.0,18.0,19.0}/entrypoint.sh, Dockerfile): HOST/PORT/USER/PASSWORD
  (falling back to PGHOST/PGPORT/PGUSER/PGPASSWORD) become --db_* flags; `wait-for-psql.py --timeout=30`;
  conf /etc/odoo/odoo.conf (ODOO_RC), data /var/lib/odoo; the Dockerfile installs curl, not wget.
- `tecnativa/doodba` (Tecnativa/doodba@373775c {11.0..19.0}.Dockerfile, entrypoint.d/20-postgres-wait,
  bin/config-generate, conf.d/20-database.conf): `WAIT_DB=true` by default and the wait loops until `psql -l`
  succeeds (no time limit); libpq's PGHOST/PGPORT/PGUSER/PGPASSWORD; conf /opt/odoo/auto/odoo.conf
  (OPENERP_SERVER), data /var/lib/odoo; curl installed.
- `bitnami/odoo` (bitnami/bitnami-docker-odoo@71e3092 14/debian-10 libodoo.sh `odoo_wait_for_postgresql_connection`
  via `retry_while`, Dockerfile `install_packages ... curl`): ODOO_DATABASE_HOST/_PORT_NUMBER/_USER/_PASSWORD;
  conf /opt/bitnami/odoo/conf/odoo.conf, data /bitnami/odoo; retries about a minute.
- camptocamp's project image (camptocamp/docker-odoo-project@0247531 bin/wait_postgres.sh: `dockerize -timeout
  30s -wait tcp://$DB_HOST:$DB_PORT`): DB_HOST/DB_PORT/DB_USER/DB_PASSWORD, conf /etc/odoo.cfg rendered from
  templates (18.0/templates/odoo.cfg.tmpl `data_dir = {{ default .Env.DATA_DIR "/data/odoo" }}`), data /data/odoo
  (common/Dockerfile `VOLUME ["/data/odoo", ...]`).
- data dirs: bitnami persists Odoo's data under /bitnami/odoo (13/debian-10/rootfs/opt/bitnami/scripts/odoo-env.sh
  `ODOO_VOLUME_DIR="${BITNAMI_VOLUME_DIR}/odoo"`, no VOLUME in its Dockerfile); doodba's data_dir /var/lib/odoo
  is an `ONBUILD VOLUME` (17.0.Dockerfile).
- Postgres: the official `postgres` image ships `pg_isready` and no HEALTHCHECK; so do `postgis/postgis` (built
  FROM postgres) and `bitnami/postgresql`.
"""
from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .deploy_model import image_repo_tag


@dataclass(frozen=True)
class OdooImage:
    family: str
    repos: tuple[tuple[str, str], ...]   # (namespace, repository); namespace "" = Docker Hub library
    db_wait: Optional[int]               # seconds the entrypoint waits for the database; None = until it answers
    db_env: dict                         # db_* option -> environment variables the entrypoint maps to it
    conf_path: str
    data_dir: str
    tools: frozenset                     # HTTP clients a healthcheck can run
    source: str
    data_env: Optional[str] = None       # environment variable that moves data_dir, if the entrypoint reads one


IMAGES = (
    OdooImage("official odoo", (("", "odoo"), ("library", "odoo")), 30,
              {"db_host": ("HOST", "PGHOST"), "db_port": ("PORT", "PGPORT"), "db_user": ("USER", "PGUSER"),
               "db_password": ("PASSWORD", "PGPASSWORD")},
              "/etc/odoo/odoo.conf", "/var/lib/odoo", frozenset({"curl"}), "odoo/docker@f7f6765"),
    OdooImage("doodba", (("tecnativa", "doodba"),), None,
              {"db_host": ("PGHOST",), "db_port": ("PGPORT",), "db_user": ("PGUSER",), "db_password": ("PGPASSWORD",)},
              "/opt/odoo/auto/odoo.conf", "/var/lib/odoo", frozenset({"curl"}), "Tecnativa/doodba@373775c"),
    OdooImage("bitnami odoo", (("bitnami", "odoo"),), 60,
              {"db_host": ("ODOO_DATABASE_HOST",), "db_port": ("ODOO_DATABASE_PORT_NUMBER",),
               "db_user": ("ODOO_DATABASE_USER",), "db_password": ("ODOO_DATABASE_PASSWORD",)},
              "/opt/bitnami/odoo/conf/odoo.conf", "/bitnami/odoo", frozenset({"curl"}),
              "bitnami/bitnami-docker-odoo@71e3092"),
    OdooImage("camptocamp odoo-project", (("camptocamp", "odoo-project"),), 30,
              {"db_host": ("DB_HOST",), "db_port": ("DB_PORT",), "db_user": ("DB_USER",), "db_password": ("DB_PASSWORD",)},
              "/etc/odoo.cfg", "/data/odoo", frozenset(), "camptocamp/docker-odoo-project@0247531", "DATA_DIR"),
)

POSTGRES_REPOS = {("", "postgres"), ("library", "postgres"), ("postgis", "postgis"), ("bitnami", "postgresql")}


def odoo_image(ref: Optional[str]) -> Optional[OdooImage]:
    """The table row of an image reference (`tecnativa/doodba:17.0-onbuild`, `docker.io/bitnami/odoo:17`)."""
    ns, repo, _ = image_repo_tag(ref)
    for img in IMAGES:
        if (ns.lower(), repo) in img.repos:
            return img
    return None


def service_image(svc) -> Optional[OdooImage]:
    """The row for a model service: its `image:`, else the base of the Dockerfile it is built from."""
    facts = getattr(svc, "facts", None) or {}
    row = odoo_image(facts.get("_image_resolved") or getattr(svc, "image", None))
    if row is None and getattr(svc, "dockerfile", None) is not None:
        row = odoo_image(svc.dockerfile.base)
    return row


def is_known_postgres(ref: Optional[str]) -> bool:
    ns, repo, _ = image_repo_tag(ref)
    return (ns.lower(), repo) in POSTGRES_REPOS
