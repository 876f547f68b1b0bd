"""Every test run signs its caches with a key of its own (XDG_CACHE_HOME in a temporary folder), never the
user's: see odoolint/cachekey.py."""
import atexit
import os
import shutil
import tempfile

import pytest

_XDG = tempfile.mkdtemp(prefix="odoolint-test-xdg-")
os.environ["XDG_CACHE_HOME"] = _XDG
atexit.register(shutil.rmtree, _XDG, True)


@pytest.fixture
def broken_rule(monkeypatch):
    """Make one real rule (CNF101) raise, as a bug on strange input would."""
    from odoolint.registry import load_rules
    registry = load_rules()

    def explode(*args):
        raise AttributeError("'int' object has no attribute 'get'")
    rule = registry.rules["CNF101"]
    monkeypatch.setattr(rule, "check", explode)
    return rule
