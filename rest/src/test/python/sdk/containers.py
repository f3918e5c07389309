"""Containers through the SDK as dockerd serves them: run and logs, environment entries without '=', exec with and
without a terminal (streamed, whole, and over the raw socket), detach keys from the client's config, kill (SIGKILL
by default, exit 137), a restarting container refusing removal, log drivers, commit, and volume subpath mounts."""
import json
import os
import tempfile
import time

import docker
from docker.utils import socket as dsocket

from _scenario import main

BUSYBOX = "busybox"


def raw_socket(sock):
    """The SDK hands back a SocketIO (unix) or a socket; writes need the socket itself."""
    return getattr(sock, "_sock", sock)


def read_all(sock, timeout=20):
    raw_socket(sock).settimeout(timeout)
    data = b""
    while True:
        chunk = dsocket.read(sock, 4096)
        if not chunk:
            return data
        data += chunk


def read_until(sock, marker, timeout=20):
    raw_socket(sock).settimeout(timeout)
    data = b""
    while marker not in data:
        chunk = dsocket.read(sock, 4096)
        if not chunk:
            break
        data += chunk
    return data


def wait_for(fn, timeout=20, step=0.05):
    end = time.time() + timeout
    while time.time() < end:
        if fn():
            return True
        time.sleep(step)
    return False


def run_and_logs(s):
    c = s.client
    ctr = s.track(c.containers.run(BUSYBOX, ["sh", "-c", "echo out; echo err >&2"], detach=True, name=s.name("logs")))
    ctr.wait()
    s.check("logs has both streams", ctr.logs() == b"out\nerr\n" or ctr.logs() == b"err\nout\n", ctr.logs())
    s.check("logs of stderr only", ctr.logs(stdout=False) == b"err\n", ctr.logs(stdout=False))
    out = c.containers.run(BUSYBOX, ["echo", "hello"], remove=True)
    s.check("run returns the output", out == b"hello\n", out)


def env_without_equals(s):
    c = s.client
    ctr = s.track(c.containers.run(BUSYBOX, ["env"], detach=True, name=s.name("env"),
                                   environment=["FOO", "BAR=1", "HOSTNAME"]))
    ctr.wait()
    env = ctr.attrs["Config"]["Env"]
    s.check("an entry without '=' is kept as given", "FOO" in env and "HOSTNAME" in env and "BAR=1" in env, env)
    lines = ctr.logs().decode().splitlines()
    s.check("the process gets the entries with a value", "BAR=1" in lines, lines)
    s.check("a bare name sets nothing", not any(l.startswith("FOO") for l in lines), lines)
    s.check("a bare name unsets an engine default (HOSTNAME)", not any(l.startswith("HOSTNAME=") for l in lines), lines)
    s.check("PATH stays", any(l.startswith("PATH=") for l in lines), lines)


def exec_streams(s):
    c = s.client
    api = s.api
    ctr = s.track(c.containers.run(BUSYBOX, ["sleep", "300"], detach=True, name=s.name("exec")))
    r = ctr.exec_run(["echo", "hello world"])
    s.check("exec without a TTY", r.exit_code == 0 and r.output == b"hello world\n", r)
    r = ctr.exec_run(["echo", "hello world"], tty=True)
    s.check("exec with a TTY arrives whole and raw", r.output == b"hello world\r\n", r.output)
    r = ctr.exec_run(["sh", "-c", "echo out; echo err >&2; exit 3"], demux=True)
    s.check("exec demuxed, with its exit code", r.exit_code == 3 and r.output == (b"out\n", b"err\n"), r)
    r = ctr.exec_run(["sh", "-c", "echo one; echo two"], tty=True, stream=True)
    streamed = b"".join(r.output)
    s.check("exec with a TTY, streamed", streamed == b"one\r\ntwo\r\n", streamed)
    r = ctr.exec_run(["echo", "raw"], tty=True, socket=True)
    data = read_all(r.output)
    s.check("exec with a TTY over the raw socket", data == b"raw\r\n", data)
    r = ctr.exec_run(["echo", "framed"], socket=True)
    frames = b"".join(chunk for _, chunk in dsocket.frames_iter(r.output, tty=False))
    s.check("exec without a TTY over the socket is framed", frames == b"framed\n", frames)
    # the start request's Tty decides the framing, as in dockerd
    e = api.exec_create(ctr.id, ["echo", "hello world"], tty=True)
    out = api.exec_start(e["Id"], tty=False)
    s.check("a TTY exec started without Tty comes framed and whole", out == b"hello world\r\n", out)
    e = api.exec_create(ctr.id, ["echo", "hello world"], tty=False)
    out = api.exec_start(e["Id"], tty=True)
    s.check("a pipe exec started with Tty comes raw", out == b"hello world\n", out)


def detach_keys_from_config(s):
    cfg = tempfile.mkdtemp(prefix="gantry-py-cfg-")
    with open(os.path.join(cfg, "config.json"), "w") as f:
        json.dump({"detachKeys": "ctrl-x,x"}, f)
    old = os.environ.get("DOCKER_CONFIG")
    os.environ["DOCKER_CONFIG"] = cfg
    try:
        client = docker.from_env(timeout=60)
    finally:
        if old is None:
            del os.environ["DOCKER_CONFIG"]
        else:
            os.environ["DOCKER_CONFIG"] = old
    api = client.api
    ctr = s.track(client.containers.run(BUSYBOX, ["sleep", "300"], detach=True, name=s.name("detach")))
    e = api.exec_create(ctr.id, ["sh"], stdin=True, tty=True)
    s.check("the config's detach keys reach the exec", api.exec_inspect(e["Id"])["DetachKeys"] == "GHg=",
            api.exec_inspect(e["Id"]))
    sock = api.exec_start(e["Id"], tty=True, socket=True)
    raw_socket(sock).sendall(b"echo rea''dy\n")
    seen = read_until(sock, b"ready")
    s.check("the exec shell answers", b"ready" in seen, seen)
    raw_socket(sock).sendall(b"\x18x")
    try:
        read_all(sock, timeout=10)
        ended = True
    except OSError:  # a timeout: the stream did not end
        ended = False
    s.check("ctrl-x x detaches: the stream ends", ended)
    s.check("the detached exec keeps running", api.exec_inspect(e["Id"])["Running"], api.exec_inspect(e["Id"]))
    client.close()


def kill_is_sigkill(s):
    c = s.client
    ctr = s.track(c.containers.run(BUSYBOX, ["sleep", "300"], detach=True, name=s.name("kill")))
    ctr.kill()
    ctr.reload()
    s.check("kill without a signal ends the container at once", ctr.status == "exited", ctr.status)
    s.check("a killed container exits 137", ctr.attrs["State"]["ExitCode"] == 137, ctr.attrs["State"])
    paused = s.track(c.containers.run(BUSYBOX, ["sleep", "300"], detach=True, name=s.name("killp")))
    paused.pause()
    paused.kill()
    paused.reload()
    s.check("kill ends a paused container too", paused.status == "exited" and paused.attrs["State"]["ExitCode"] == 137,
            paused.attrs["State"])


def restarting_remove(s):
    c = s.client
    ctr = s.track(c.containers.run(BUSYBOX, ["sh", "-c", "exit 3"], detach=True, name=s.name("restarting"),
                                   restart_policy={"Name": "always"}))

    def restarting():
        ctr.reload()
        return ctr.status == "restarting"

    s.check("an always container that exits is restarting", wait_for(restarting), ctr.status)
    e = s.raises("removing a restarting container without force is refused", docker.errors.APIError, ctr.remove)
    if e is not None:
        s.check("... with 409", e.status_code == 409, e.status_code)
        s.check("... and dockerd's words", "container is restarting: stop the container before removing or force remove"
                in str(e.explanation) or "container is running" in str(e.explanation), e.explanation)
    ctr.remove(force=True)
    s.raises("force removes it", docker.errors.NotFound, c.containers.get, ctr.id)
    again = s.track(c.containers.run(BUSYBOX, ["sh", "-c", "exit 3"], detach=True, name=s.name("restarting2"),
                                     restart_policy={"Name": "always"}))

    def restarting_again():
        again.reload()
        return again.status == "restarting"

    if s.check("another one is restarting", wait_for(restarting_again), again.status):
        again.kill()
        time.sleep(1.5)
        again.reload()
        s.check("kill ends the restarting for good", again.status == "exited", again.status)


def log_drivers(s):
    c = s.client
    api = s.api
    none = s.track(c.containers.create(BUSYBOX, ["echo", "to nowhere"], name=s.name("lognone"),
                                       log_config={"Type": "none"}))
    attached = api.attach(none.id, stdout=True, stderr=True, stream=True, logs=False)
    none.start()
    got = b"".join(attached)
    s.check("an attached client still sees a none container's output", got == b"to nowhere\n", got)
    none.wait()
    e = s.raises("logs of a none container are refused", docker.errors.APIError, none.logs)
    if e is not None:
        s.check("... with 501 and dockerd's words", e.status_code == 501
                and "configured logging driver does not support reading" in str(e.explanation), e)
    none.reload()
    s.check("inspect names no LogPath for a none container", none.attrs["LogPath"] == "", none.attrs["LogPath"])
    root = os.environ.get("GANTRY_TEST_ROOT")
    if root:
        log = os.path.join(root, "data", "containers", none.id, "container.log")
        s.check("a none container keeps no log file", wait_for(lambda: not os.path.exists(log), timeout=15), log)
    for driver, opts in (("json-file", {"max-size": "1m", "max-file": "2"}), ("local", {"max-size": "1m"})):
        ctr = s.track(c.containers.run(BUSYBOX, ["echo", driver], detach=True, name=s.name("log" + driver),
                                       log_config={"Type": driver, "Config": opts}))
        ctr.wait()
        s.check(f"{driver} logs are read back", ctr.logs() == (driver + "\n").encode(), ctr.logs())
        s.check(f"{driver} is recorded", ctr.attrs["HostConfig"]["LogConfig"]["Type"] == driver, ctr.attrs["HostConfig"])
    e = s.raises("an unknown driver is refused at create", docker.errors.APIError, c.containers.create, BUSYBOX,
                 ["true"], log_config={"Type": "xyz"})
    if e is not None:
        s.check("... 400, no log driver named 'xyz'", e.status_code == 400
                and "logger: no log driver named 'xyz' is registered" in str(e.explanation), e)
    e = s.raises("an unknown option is refused at create", docker.errors.APIError, c.containers.create, BUSYBOX,
                 ["true"], log_config={"Type": "json-file", "Config": {"foo": "1"}})
    if e is not None:
        s.check("... 400, unknown log opt", e.status_code == 400
                and "unknown log opt 'foo' for json-file log driver" in str(e.explanation), e)


def commit_fields(s):
    c = s.client
    ctr = s.track(c.containers.run(BUSYBOX, ["sh", "-c", "echo hi > /f"], detach=True, name=s.name("commit")))
    ctr.wait()
    repo = s.name("committed")
    img = s.track(ctr.commit(repository=repo, tag="v1", message="my message", author="Ann <ann@example.com>",
                             changes=['CMD ["cat", "/f"]', "ENV A=1", "EXPOSE 8080", "LABEL k=v", "USER nobody",
                                      "WORKDIR /tmp", "STOPSIGNAL SIGINT", "VOLUME /data",
                                      'ENTRYPOINT ["/bin/sh", "-c"]']))
    a = img.attrs
    base = c.images.get(BUSYBOX)
    s.check("commit records Parent", a["Parent"] == base.id == ctr.attrs["Image"], (a["Parent"], base.id))
    s.check("commit records the comment", a["Comment"] == "my message", a["Comment"])
    s.check("commit records the author", a["Author"] == "Ann <ann@example.com>", a["Author"])
    cfg = a["Config"]
    s.check("changes: CMD and ENTRYPOINT", cfg["Cmd"] == ["cat", "/f"] and cfg["Entrypoint"] == ["/bin/sh", "-c"], cfg)
    s.check("changes: ENV", "A=1" in cfg["Env"], cfg["Env"])
    s.check("changes: EXPOSE, LABEL, VOLUME", "8080/tcp" in (cfg.get("ExposedPorts") or {})
            and (cfg.get("Labels") or {}).get("k") == "v" and "/data" in (cfg.get("Volumes") or {}), cfg)
    s.check("changes: USER, WORKDIR, STOPSIGNAL", cfg["User"] == "nobody" and cfg["WorkingDir"] == "/tmp"
            and cfg.get("StopSignal") == "SIGINT", cfg)
    history = img.history()
    s.check("history has the comment", history and history[0].get("Comment") == "my message", history[:1])
    s.check("Created keeps fractions of a second", "." in a["Created"], a["Created"])
    first = s.track(ctr.commit())
    second = s.track(ctr.commit())
    s.check("two commits within a second are two images", first.id != second.id, (first.id, second.id))
    e = s.raises("a change that is not allowed is refused", docker.errors.APIError, ctr.commit, changes=["RUN true"])
    if e is not None:
        s.check("... with 400", e.status_code == 400, e)


def subpath_mounts(s):
    c = s.client
    api = s.api
    vol = s.track(c.volumes.create(s.name("subvol")))
    setup = s.track(c.containers.run(BUSYBOX, ["sh", "-c", "mkdir -p /v/sub && echo inside > /v/sub/f && "
                                               "ln -s / /v/escape && ln -s /etc /v/sub/link"],
                                     detach=True, volumes={vol.name: {"bind": "/v", "mode": "rw"}}))
    setup.wait()

    def mount(subpath, target="/data"):
        return [{"Type": "volume", "Source": vol.name, "Target": target, "VolumeOptions": {"Subpath": subpath}}]

    out = c.containers.run(BUSYBOX, ["sh", "-c", "cat /data/f; ls /data"], remove=True, mounts=mount("sub"))
    s.check("a subpath mount shows that directory of the volume", out == b"inside\nf\nlink\n", out)
    out = c.containers.run(BUSYBOX, ["cat", "/one"], remove=True, mounts=mount("sub/f", "/one"))
    s.check("a subpath can name a file", out == b"inside\n", out)
    for bad, status in (("escape", 404), ("sub/link", 404), ("missing", 404), ("sub/../../x", 400), ("/etc", 400)):
        try:
            created = api.create_container(BUSYBOX, ["true"], host_config=api.create_host_config(mounts=mount(bad)))
        except docker.errors.APIError as e:
            s.check(f"subpath {bad!r} is refused at create", status == 400 and e.status_code == 400
                    and "subpath must be a relative path within the volume" in str(e.explanation), e)
            continue
        s.track(c.containers.get(created["Id"]))
        e = s.raises(f"subpath {bad!r} is refused at start", docker.errors.APIError, api.start, created["Id"])
        if e is not None:
            s.check(f"... with {status} and dockerd's words", e.status_code == status
                    and "cannot access path" in str(e.explanation), e)
    root = os.environ.get("GANTRY_TEST_ROOT")
    if root:
        with open("/proc/self/mountinfo") as f:
            left = [l for l in f if os.path.join(root, "run", "subpaths") in l]
        s.check("no staging mount is left behind", not left, left)


def scenario(s):
    for part in (run_and_logs, env_without_equals, exec_streams, detach_keys_from_config, kill_is_sigkill,
                 restarting_remove, log_drivers, commit_fields, subpath_mounts):
        try:
            part(s)
        except Exception as e:  # noqa: BLE001 - one part's crash must not hide the others' results
            import traceback
            traceback.print_exc()
            s.check(f"{part.__name__} ran to its end", False, repr(e))


main(scenario)
