"""Facts of an nginx configuration: upstreams and the locations that proxy somewhere."""
from __future__ import annotations

import os
import re

from odoolint.registry import facts

_URL = re.compile(r"^(?:https?|grpc)://(?P<host>[^/:$]+)(?::(?P<port>\d+))?")


def _target(url: str) -> dict:
    """host/port of a proxy_pass URL; `host` may name an upstream."""
    m = _URL.match(url)
    if not m:
        return {"host": None, "port": None}
    return {"host": m.group("host"), "port": int(m.group("port")) if m.group("port") else None}


@facts("nginx-conf", "nginx")
def extract(ctx) -> dict:
    """{"upstreams": {name: [{"host", "port"}]}, "locations": [{"path", "modifier", "host", "port", "span"}],
    "dir": folder}: every `location` with a `proxy_pass`, its target resolved later against upstreams."""
    upstreams: dict[str, list] = {}
    locations: list[dict] = []
    for d in ctx.tree.walk():
        if d.name == "upstream" and d.block and d.args:
            servers = []
            for c in d.children:
                if c.name == "server" and c.args:
                    host, _, port = c.args[0].rpartition(":")
                    if not host:
                        host, port = c.args[0], ""
                    servers.append({"host": host, "port": int(port) if port.isdigit() else 80})
            upstreams[d.args[0]] = servers
        elif d.name == "location" and d.block and d.args:
            modifier, path = (d.args[0], d.args[1]) if len(d.args) > 1 else ("", d.args[0])
            for c in d.children:
                if c.name == "proxy_pass" and c.args:
                    t = _target(c.args[0])
                    locations.append({"path": path, "modifier": modifier, "host": t["host"], "port": t["port"],
                                      "span": ctx.span(d.start, d.start + len("location")).to_dict()})
    return {"upstreams": upstreams, "locations": locations, "dir": os.path.dirname(os.path.abspath(ctx.path))}
