"""docker cp through the SDK: put_archive/get_archive see what the container sees, its mounts included."""
import io
import os
import shutil
import tarfile
import tempfile

import docker
from _archives import tar_of
from _scenario import main


def read_file(container, path):
    """The content of one file from get_archive, and the stat header's name."""
    stream, stat = container.get_archive(path)
    with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as t:
        member = t.getmembers()[0]
        return t.extractfile(member).read(), stat


def volumes(s):
    c = s.client
    vol = s.track(c.volumes.create(s.name("vol")))
    # created, never started: dockerd mounts the volumes for the copy
    stopped = s.track(c.containers.create("busybox", ["cat", "/vol1/in-volume"], volumes={vol.name: {"bind": "/vol1"}}))
    s.check("put_archive into a volume of a created container",
            stopped.put_archive("/vol1", tar_of({"in-volume": b"from put_archive\n"})))
    data, stat = read_file(stopped, "/vol1/in-volume")
    s.check("get_archive of a path under the volume", data == b"from put_archive\n", data)
    s.check("the stat header names the file", stat.get("name") == "in-volume", stat)
    stopped.start()
    stopped.wait(timeout=30)
    s.check("the container reads what was put into its volume", stopped.logs() == b"from put_archive\n", stopped.logs())
    # exited: the volume is mounted again for the copy
    data, _ = read_file(stopped, "/vol1/in-volume")
    s.check("get_archive from the volume of an exited container", data == b"from put_archive\n", data)

    running = s.track(c.containers.run("busybox", ["sleep", "300"], detach=True, volumes={vol.name: {"bind": "/data"}}))
    s.check("put_archive into a volume of a running container",
            running.put_archive("/data", tar_of({"sub/live": b"live\n"})))
    code, out = running.exec_run(["cat", "/data/sub/live"])
    s.check("the running container sees the file in its volume", code == 0 and out == b"live\n", (code, out))
    running.exec_run(["sh", "-c", "echo made-inside > /data/inside"])
    data, _ = read_file(running, "/data/inside")
    s.check("get_archive of a file the running container wrote into its volume", data == b"made-inside\n", data)
    running.remove(force=True)


def image_volume_before_start(s):
    c = s.client
    image, _ = c.images.build(fileobj=io.BytesIO(
        b"FROM busybox\nRUN mkdir /data && echo from-image > /data/in-image\nVOLUME /data\n"), rm=True)
    s.track(image)
    ctr = s.track(c.containers.create(image.id, ["cat", "/data/in-image", "/data/copied"]))
    s.check("put_archive into the image's VOLUME before the first start",
            ctr.put_archive("/data", tar_of({"copied": b"copied\n"})))
    ctr.start()
    ctr.wait(timeout=30)
    s.check("the volume starts with the image's files and the copied one", ctr.logs() == b"from-image\ncopied\n",
            ctr.logs())


def binds(s):
    c = s.client
    host_dir = tempfile.mkdtemp(prefix="gantry-files-py-")
    try:
        with open(os.path.join(host_dir, "from-host"), "w") as f:
            f.write("host file\n")
        running = s.track(c.containers.run("busybox", ["sleep", "300"], detach=True,
                                           volumes={host_dir: {"bind": "/bound"}}))
        s.check("put_archive into a bind mount", running.put_archive("/bound", tar_of({"from-cp": b"via cp\n"})))
        with open(os.path.join(host_dir, "from-cp")) as f:
            got = f.read()
        s.check("the file lands in the bound host directory", got == "via cp\n", got)
        data, _ = read_file(running, "/bound/from-host")
        s.check("get_archive reads the host's file through the bind", data == b"host file\n", data)
        running.stop(timeout=1)
        data, _ = read_file(running, "/bound/from-cp")
        s.check("a stopped container's bind is visible to get_archive", data == b"via cp\n", data)

        readonly = s.track(c.containers.run("busybox", ["sleep", "300"], detach=True,
                                            volumes={host_dir: {"bind": "/ro", "mode": "ro"}}))
        e = s.raises("put_archive into a read-only bind fails", docker.errors.APIError,
                     readonly.put_archive, "/ro", tar_of({"not-allowed": b"x"}))
        s.check("as dockerd says it", e is not None and "marked read-only" in str(e), str(e))
        e = s.raises("put_archive of a tar reaching into the read-only bind from above fails", docker.errors.APIError,
                     readonly.put_archive, "/", tar_of({"ro/from-above": b"x"}))
        readonly.stop(timeout=1)
        s.raises("put_archive into the read-only bind of a stopped container fails", docker.errors.APIError,
                 readonly.put_archive, "/", tar_of({"ro/stopped": b"x"}))
        s.check("nothing was written through the read-only bind",
                sorted(os.listdir(host_dir)) == ["from-cp", "from-host"], os.listdir(host_dir))
        readonly.remove(force=True)
        rootfs = s.track(c.containers.create("busybox", ["true"], read_only=True))
        e = s.raises("put_archive into a read-only root file system fails", docker.errors.APIError,
                     rootfs.put_archive, "/tmp", tar_of({"x": b"x"}))
        s.check("with dockerd's words", e is not None and "container rootfs is marked read-only" in str(e), str(e))
        running.remove(force=True)
    finally:
        shutil.rmtree(host_dir, ignore_errors=True)


def tmpfs(s):
    c = s.client
    running = s.track(c.containers.run("busybox", ["sleep", "300"], detach=True, tmpfs={"/scratch": "size=1m"}))
    s.check("put_archive into a tmpfs of a running container",
            running.put_archive("/scratch", tar_of({"t": b"in tmpfs\n"})))
    code, out = running.exec_run(["cat", "/scratch/t"])
    s.check("the container sees the file in its tmpfs", code == 0 and out == b"in tmpfs\n", (code, out))
    code, out = running.exec_run(["grep", " /scratch ", "/proc/mounts"])
    s.check("/scratch is the tmpfs mount", code == 0 and b"tmpfs" in out, out)
    data, _ = read_file(running, "/scratch/t")
    s.check("get_archive of a file in the tmpfs", data == b"in tmpfs\n", data)
    running.remove(force=True)


def volume_subpath(s):
    c = s.client
    vol = s.track(c.volumes.create(s.name("subvol")))
    c.containers.run("busybox", ["mkdir", "-p", "/v/sub"], remove=True, volumes={vol.name: {"bind": "/v"}})
    mounts = [{"Type": "volume", "Source": vol.name, "Target": "/data", "VolumeOptions": {"Subpath": "sub"}}]
    ctr = s.track(c.containers.create("busybox", ["true"], mounts=mounts))
    s.check("put_archive into a subpath mount of a created container",
            ctr.put_archive("/data", tar_of({"copied": b"copied\n"})))
    out = c.containers.run("busybox", ["sh", "-c", "ls /v; cat /v/sub/copied"], remove=True,
                           volumes={vol.name: {"bind": "/v"}})
    s.check("the copy landed in the subpath, not at the volume's top", out == b"sub\ncopied\n", out)
    data, _ = read_file(ctr, "/data/copied")
    s.check("get_archive through the subpath mount", data == b"copied\n", data)


def missing(s):
    c = s.client
    ctr = s.track(c.containers.create("busybox", ["true"]))
    s.raises("get_archive of a missing path is NotFound", docker.errors.NotFound, ctr.get_archive, "/no/such/path")
    s.raises("put_archive into a missing directory is NotFound", docker.errors.NotFound,
             ctr.put_archive, "/no/such/dir", tar_of({"x": b"x"}))


def scenario(s):
    for part in (volumes, image_volume_before_start, volume_subpath, binds, tmpfs, missing):
        try:
            part(s)
        except Exception as e:  # noqa: BLE001 - one part's failure should not hide the others'
            s.check(part.__name__, False, f"{type(e).__name__}: {e}")


main(scenario)
