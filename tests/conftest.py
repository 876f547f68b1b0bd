"""Every test run signs its caches with a key of its own (XDG_CACHE_HOME in a temporary folder), never the
user's: see odoolint/cachekey.py."""
import atexit
import os
import shutil
import tempfile

_XDG = tempfile.mkdtemp(prefix="odoolint-test-xdg-")
os.environ["XDG_CACHE_HOME"] = _XDG
atexit.register(shutil.rmtree, _XDG, True)
