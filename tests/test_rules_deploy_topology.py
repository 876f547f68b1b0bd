"""Cross-file topology rules DEP105-DEP110 on small real stacks."""
from tests.helpers import lint, rows

STACK = """\
services:
  odoo:
    image: odoo:17.0
    volumes:
      - ./config:/etc/odoo
      - odoo-data:/var/lib/odoo
  db:
    image: postgres:16
volumes:
  odoo-data:
"""


def run(tmp_path, compose, conf, code, extra=None):
    files = {"docker-compose.yml": compose, "config/odoo.conf": conf, **(extra or {})}
    return rows(lint(tmp_path, files, select=[code]), tmp_path)


def test_dep105_data_dir_not_on_a_volume(tmp_path):
    compose = STACK.replace("      - odoo-data:/var/lib/odoo\n", "")
    assert run(tmp_path, compose, "[options]\ndb_host = db\n", "DEP105") == [(
        "docker-compose.yml", "DEP105", 2, 3,
        "`data_dir` `/var/lib/odoo` of service `odoo` is on no named volume or bind mount: the filestore and "
        "sessions live in the image's anonymous volume, which `docker compose down` orphans, so attachments and "
        "assets are lost when the container is recreated; mount a named volume at `/var/lib/odoo`")]
    assert [r[:4] for r in run(tmp_path, STACK, "[options]\ndata_dir = /srv/data\n", "DEP105")] == [
        ("config/odoo.conf", "DEP105", 2, 12)]
    assert run(tmp_path, STACK, "[options]\ndb_host = db\n", "DEP105") == []


def test_dep106_addons_path_entry_not_mounted(tmp_path):
    conf = "[options]\naddons_path = /mnt/extra-addons,/opt/custom,/usr/lib/python3/dist-packages/odoo/addons\n"
    compose = STACK.replace("      - ./config:/etc/odoo\n", "      - ./config:/etc/odoo\n      - ./addons:/mnt/extra-addons\n")
    extra = {"addons/my_mod/__manifest__.py": "{'name': 'x', 'version': '17.0.1.0.0'}\n",
             "addons/my_mod/__init__.py": ""}
    assert run(tmp_path, compose, conf, "DEP106", extra) == [(
        "config/odoo.conf", "DEP106", 2, 15,
        "addons_path `/opt/custom` exists in no volume, bind mount or COPY of service `odoo`: Odoo finds no modules "
        "there ('module not found'; 19 skips it as 'no such directory'); mount or COPY the addons there")]
    mounted = compose.replace("      - ./addons:/mnt/extra-addons\n",
                              "      - ./addons:/mnt/extra-addons\n      - ./custom:/opt/custom\n")
    assert run(tmp_path, mounted, conf, "DEP106") == []


def test_dep107_postgres_too_old(tmp_path):
    compose = STACK.replace("odoo:17.0", "odoo:19.0").replace("postgres:16", "postgres:12")
    assert run(tmp_path, compose, "[options]\n", "DEP107") == [(
        "docker-compose.yml", "DEP107", 8, 12,
        "Service `db` runs PostgreSQL 12 but Odoo 19.0 (service `odoo`) needs 13 or later: unsupported SQL fails at "
        "install or upgrade time; use `postgres:16` (dump and restore the data)")]
    assert run(tmp_path, STACK.replace("postgres:16", "postgres:12"), "[options]\n", "DEP107") == []


def test_dep108_memory_vs_container(tmp_path):
    compose = STACK.replace("    image: odoo:17.0\n", "    image: odoo:17.0\n    mem_limit: 2g\n")
    assert run(tmp_path, compose, "[options]\nworkers = 2\n", "DEP108") == [(
        "config/odoo.conf", "DEP108", 2, 11,
        "Service `odoo` can grow to 5 processes × limit_memory_hard 2560 MiB = 12800 MiB, above its container "
        "limit 2g: the kernel OOM-kills the whole container before Odoo recycles a worker; lower `workers` or "
        "`limit_memory_hard`, or raise the limit")]
    small = "[options]\nworkers = 2\nmax_cron_threads = 1\nlimit_memory_hard = 402653184\n"
    assert run(tmp_path, compose, small, "DEP108") == []
    assert run(tmp_path, compose, "[options]\nworkers = 0\n", "DEP108") == []


def test_dep109_proxy_mode_off_behind_nginx_is_fixed(tmp_path):
    compose = STACK + "  nginx:\n    image: nginx:1.27\n    ports: ['443:443']\n"
    compose = compose.replace("volumes:\n  odoo-data:\n", "") + "volumes:\n  odoo-data:\n"
    conf = "[options]\n# behind nginx\nproxy_mode = False\n"
    assert run(tmp_path, compose, conf, "DEP109") == [(
        "config/odoo.conf", "DEP109", 3, 14,
        "Service `odoo` runs behind `nginx` with proxy_mode off: Odoo ignores X-Forwarded-*, so redirects and OAuth "
        "redirect_uri use http:// and the internal host, and every client looks like the proxy; set "
        "`proxy_mode = True`")]
    lint(tmp_path, select=["DEP109"], fix=True)
    assert (tmp_path / "config/odoo.conf").read_text() == "[options]\n# behind nginx\nproxy_mode = True\n"
    assert rows(lint(tmp_path, select=["DEP109"], fix=True), tmp_path) == []


def test_dep109_published_port_beside_proxy(tmp_path):
    compose = STACK.replace("    image: odoo:17.0\n", "    image: odoo:17.0\n    ports:\n      - \"8069:8069\"\n")
    compose = compose.replace("volumes:\n  odoo-data:\n", "  nginx:\n    image: nginx:1.27\nvolumes:\n  odoo-data:\n")
    result = run(tmp_path, compose, "[options]\nproxy_mode = True\n", "DEP109")
    assert [r[:4] for r in result] == [("docker-compose.yml", "DEP109", 5, 10)]
    lint(tmp_path, select=["DEP109"], fix=True)
    assert '- "127.0.0.1:8069:8069"' in (tmp_path / "docker-compose.yml").read_text()
    assert rows(lint(tmp_path, select=["DEP109"]), tmp_path) == []
    # no proxy in the stack: nothing to say
    assert run(tmp_path, STACK, "[options]\n", "DEP109") == []


def test_dep110_connection_budget(tmp_path):
    assert run(tmp_path, STACK, "[options]\nworkers = 4\n", "DEP110") == [(
        "config/odoo.conf", "DEP110", 2, 11,
        "Odoo can open 448 database connections (`odoo` 7 × 64) but `db` allows max_connections=100: under load "
        "Postgres refuses with 'too many clients already'; lower `db_maxconn` or raise max_connections")]
    raised = STACK.replace("    image: postgres:16\n", "    image: postgres:16\n    command: postgres -c max_connections=500\n")
    assert run(tmp_path, raised, "[options]\nworkers = 4\n", "DEP110") == []
    assert run(tmp_path, STACK, "[options]\nworkers = 4\ndb_maxconn = 12\n", "DEP110") == []


TRAEFIK = """\
services:
  odoo:
    image: odoo:17.0
    volumes: ['./config:/etc/odoo', 'odoo-data:/var/lib/odoo']
    labels:
      - traefik.http.routers.odoo.rule=Host(`erp.example.com`)
      - traefik.http.services.odoo.loadbalancer.server.port=8069
  db:
    image: postgres:16
  traefik:
    image: traefik:v3.1
volumes:
  odoo-data:
"""
WS = ("      - traefik.http.routers.odoo-ws.rule=Host(`erp.example.com`) && PathPrefix(`/websocket`)\n"
      "      - traefik.http.routers.odoo-ws.service=odoo-ws\n"
      "      - traefik.http.services.odoo-ws.loadbalancer.server.port=8072\n")


def test_dep114_workers_without_websocket_route(tmp_path):
    assert run(tmp_path, TRAEFIK, "[options]\nworkers = 3\n", "DEP114") == [(
        "docker-compose.yml", "DEP114", 6, 9,
        "Service `odoo` runs 3 workers but no Traefik router sends `/websocket` to its gevent port 8072: websocket "
        "upgrades fail ('Couldn't bind the websocket') and bus, chat and notifications die; add a "
        "`PathPrefix(`/websocket`)` router to a service on port 8072")]
    with_ws = TRAEFIK.replace("  db:\n", WS + "  db:\n", 1).replace(
        "      - traefik.http.services.odoo.loadbalancer.server.port=8069\n" + WS,
        "      - traefik.http.services.odoo.loadbalancer.server.port=8069\n"
        "      - traefik.http.routers.odoo.service=odoo\n" + WS)
    assert run(tmp_path, with_ws, "[options]\nworkers = 3\n", "DEP114") == []


def test_dep114_threaded_mode_routed_to_8072(tmp_path):
    with_ws = TRAEFIK.replace("  db:\n", WS + "  db:\n", 1)
    result = run(tmp_path, with_ws, "[options]\nworkers = 0\n", "DEP114")
    assert [r[:4] for r in result] == [("docker-compose.yml", "DEP114", 8, 9)]
    assert "with `workers = 0` Odoo serves websockets on its HTTP port" in result[0][4]


def test_dep108_do_instance_size(tmp_path):
    files = {".do/app.yaml": "name: erp\nservices:\n  - name: odoo\n    dockerfile_path: Dockerfile\n"
                             "    http_port: 8069\n    instance_size_slug: apps-s-1vcpu-1gb\n",
             "Dockerfile": "FROM odoo:17.0\nCOPY odoo.conf /etc/odoo/odoo.conf\n",
             "odoo.conf": "[options]\nworkers = 2\nlimit_memory_hard = 536870912\n"}
    result = rows(lint(tmp_path, files, select=["DEP108"]), tmp_path)
    assert result == [(
        "odoo.conf", "DEP108", 2, 11,
        "Component `odoo` can grow to 5 processes × limit_memory_hard 512 MiB = 2560 MiB, above instance size "
        "`apps-s-1vcpu-1gb`: the kernel OOM-kills the whole container before Odoo recycles a worker; lower "
        "`workers` or `limit_memory_hard`, or raise the limit")]


def test_dep109_do_component_without_proxy_mode(tmp_path):
    files = {".do/app.yaml": "name: erp\nservices:\n  - name: odoo\n    dockerfile_path: Dockerfile\n"
                             "    http_port: 8069\n",
             "Dockerfile": "FROM odoo:17.0\nCOPY odoo.conf /etc/odoo/odoo.conf\n",
             "odoo.conf": "[options]\nproxy_mode = False\n"}
    assert rows(lint(tmp_path, files, select=["DEP109"]), tmp_path) == [(
        "odoo.conf", "DEP109", 2, 14,
        "DigitalOcean component `odoo` runs behind App Platform's HTTPS router with proxy_mode off: Odoo ignores "
        "X-Forwarded-*, so redirects and OAuth redirect_uri use http:// and every client looks like the router; "
        "set `proxy_mode = True`")]
    lint(tmp_path, select=["DEP109"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\nproxy_mode = True\n"
