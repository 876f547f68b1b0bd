"""nginx in front of Odoo: the parser, its parse-error rule and websocket routing (DEP114) through nginx."""
import pytest

from odoolint.sources import ParseFailure, decode, parse
from tests.helpers import lint, rows

COMPOSE = """services:
  odoo:
    image: odoo:17.0
    volumes:
      - ./odoo.conf:/etc/odoo/odoo.conf
      - odoo-data:/var/lib/odoo
  db:
    image: postgres:16
  proxy:
    image: nginx:1.27
    ports:
      - "80:80"
    volumes:
      - ./nginx:/etc/nginx/conf.d:ro
volumes:
  odoo-data:
"""
CONF = "[options]\ndb_host = db\nproxy_mode = True\nworkers = {workers}\n"
SITE_NO_WS = "upstream odoo { server odoo:8069; }\nserver {\n    listen 80;\n    location / { proxy_pass http://odoo; }\n}\n"
SITE_WS = ("upstream odoo { server odoo:8069; }\nupstream chat { server odoo:8072; }\nserver {\n"
           "    location /websocket {\n        proxy_pass http://chat;\n"
           "        proxy_set_header Upgrade $http_upgrade;\n    }\n    location / { proxy_pass http://odoo; }\n}\n")


def _stack(tmp_path, workers, site):
    return lint(tmp_path, {"docker-compose.yml": COMPOSE, "odoo.conf": CONF.format(workers=workers),
                           "nginx/odoo.conf": site}, select=["DEP114", "NGX001"])


def test_workers_without_a_websocket_location(tmp_path):
    assert rows(_stack(tmp_path, 4, SITE_NO_WS), tmp_path) == [
        ("nginx/odoo.conf", "DEP114", 4, 5,
         "Service `odoo` runs 4 workers but nginx has no `/websocket` location: websocket upgrades fail ('Couldn't "
         "bind the websocket') and bus, chat and notifications die; add `location /websocket { proxy_pass "
         "http://odoo:8072; ... }` with the Upgrade/Connection headers")]


def test_workers_with_websocket_on_the_gevent_port_is_clean(tmp_path):
    assert rows(_stack(tmp_path, 4, SITE_WS), tmp_path) == []


def test_threaded_odoo_with_websocket_sent_to_8072(tmp_path):
    assert rows(_stack(tmp_path, 0, SITE_WS), tmp_path) == [
        ("nginx/odoo.conf", "DEP114", 4, 5,
         "nginx sends `/websocket` of service `odoo` to port 8072, but with `workers = 0` Odoo serves websockets on "
         "its HTTP port and nothing listens on 8072: the route answers 502; proxy it to the HTTP port or set "
         "workers")]
    assert rows(_stack(tmp_path, 0, SITE_NO_WS), tmp_path) == []


def test_nginx_files_no_proxy_mounts_are_not_read_for_routing(tmp_path):
    res = lint(tmp_path, {"docker-compose.yml": COMPOSE.replace("./nginx:", "./elsewhere:"),
                          "odoo.conf": CONF.format(workers=4), "nginx/odoo.conf": SITE_NO_WS}, select=["DEP114"])
    assert rows(res, tmp_path) == []


def test_parser_keeps_positions_and_quotes():
    src = 'server {\n  location ~* "^/web/(static)" { proxy_pass http://odoo:8069; } # c\n}\n'
    tree = parse("nginx-conf", decode(src.encode(), "nginx-conf"), "n.conf")
    loc = [d for d in tree.walk() if d.name == "location"][0]
    assert loc.args == ["~*", "^/web/(static)"] and src[loc.start:loc.start + 8] == "location"
    assert [c.name for c in loc.children] == ["proxy_pass"]


@pytest.mark.parametrize("src,message,line,col", [
    ("server {\n  listen 80;\n", "block `server` is never closed", 1, 1),
    ("}\n", "unexpected `}`", 1, 1),
    ('server { return 200 "x; }\n', "unterminated quoted string", 1, 1),
])
def test_parser_errors(src, message, line, col):
    with pytest.raises(ParseFailure) as exc:
        parse("nginx-conf", decode(src.encode(), "nginx-conf"), "n.conf")
    assert (exc.value.message, exc.value.line, exc.value.column) == (message, line, col)


def test_parse_error_rule(tmp_path):
    res = lint(tmp_path, {"nginx/site.conf": "server {\n  location / {\n"}, select=["NGX001"])
    assert rows(res, tmp_path) == [("nginx/site.conf", "NGX001", 2, 3, "block `location` is never closed")]
