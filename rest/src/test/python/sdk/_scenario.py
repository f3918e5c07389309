"""Shared by the SDK scenario scripts: a client for the engine under test, named checks, and cleanup.

Each script builds on `Scenario`: `check(name, condition, detail)` records a result; at exit the script prints
every check and exits 1 if any failed. Objects made through `s.track(...)` are removed at the end, whatever
happened.
"""
import atexit
import os
import sys
import uuid

import docker


class Scenario:
    def __init__(self, title):
        self.title = title
        self.client = docker.from_env(timeout=60)
        self.api = self.client.api
        self.prefix = "py-" + uuid.uuid4().hex[:8]
        self.failures = 0
        self._cleanup = []
        atexit.register(self._finish)

    def name(self, what):
        """A name unique to this run, so scripts never collide with each other or with leftovers."""
        return f"{self.prefix}-{what}"

    def check(self, what, condition, detail=""):
        mark = "ok  " if condition else "FAIL"
        print(f"{mark} {self.title}: {what}" + ("" if condition else f" -- {detail}"), flush=True)
        if not condition:
            self.failures += 1
        return condition

    def raises(self, what, exc_type, fn, *args, **kwargs):
        """Checks that fn(*args) raises exc_type; returns the exception (or None)."""
        try:
            fn(*args, **kwargs)
        except exc_type as e:
            self.check(what, True)
            return e
        except Exception as e:  # noqa: BLE001 - a wrong exception is a failed check, not a crash
            self.check(what, False, f"raised {type(e).__name__}: {e}")
            return None
        self.check(what, False, "did not raise")
        return None

    def track(self, obj):
        """Removes obj (container, network, volume, image) at the end."""
        self._cleanup.append(obj)
        return obj

    def _finish(self):
        for obj in reversed(self._cleanup):
            try:
                if isinstance(obj, docker.models.containers.Container):
                    obj.remove(force=True, v=True)
                elif isinstance(obj, docker.models.images.Image):
                    self.client.images.remove(obj.id, force=True)
                else:
                    obj.remove()
            except docker.errors.NotFound:
                pass
            except Exception as e:  # noqa: BLE001
                print(f"cleanup of {obj}: {e}", flush=True)
        print(f"{self.title}: {self.failures} failed", flush=True)
        if self.failures:
            os._exit(1)


def main(fn):
    """Runs fn(scenario); an exception is a failure with its traceback."""
    s = Scenario(os.path.basename(sys.argv[0]))
    try:
        fn(s)
    except Exception:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        s.failures += 1
