"""The first thing an SDK user does: ping, version, run a container and read its output."""
from _scenario import main


def scenario(s):
    c = s.client
    s.check("ping", c.ping())
    v = c.version()
    major = int(v["Version"].split(".")[0])
    s.check("Version is a Docker Engine release clients can compare", major >= 20, v["Version"])
    out = c.containers.run("busybox", ["echo", "hello"], remove=True)
    s.check("run returns the output", out == b"hello\n", out)


main(scenario)
