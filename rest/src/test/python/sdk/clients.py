"""What an SDK user meets besides containers: the engine's identity, swarm-less answers, filters in both forms,
prunes that refuse a filter they cannot read (and delete nothing), container list filters and ports."""
import io
import json

import docker
from _scenario import main


def raw(s, method, path, filters):
    """A request with the filters parameter exactly as given (the SDK would encode a dict itself)."""
    url = s.api._url(path)
    params = {"filters": filters}
    r = s.api._post(url, params=params) if method == "POST" else s.api._get(url, params=params)
    return s.api._result(r, True)


def exists(get, ident):
    try:
        get(ident)
        return True
    except docker.errors.NotFound:
        return False


def identity(s):
    v = s.client.version()
    s.check("Version is the Docker Engine release of API 1.51", v["Version"].startswith("28.3."), v["Version"])
    names = [c["Name"] for c in v.get("Components", [])]
    s.check("Gantry stays in the components", "Gantry" in names, names)
    s.check("Platform names Gantry", v["Platform"]["Name"].startswith("Gantry"), v["Platform"])
    s.check("info's ServerVersion is the same release", s.client.info()["ServerVersion"] == v["Version"])


def swarm(s):
    e = s.raises("swarm inspect: not a manager", docker.errors.APIError, s.api.inspect_swarm)
    if e is not None:
        s.check("swarm inspect is 503", e.status_code == 503, e.status_code)
        s.check("with dockerd's words", "This node is not a swarm manager" in str(e.explanation), e.explanation)
    for what, fn in [("nodes", s.client.nodes.list), ("services", s.client.services.list),
                     ("secrets", s.client.secrets.list), ("configs", s.client.configs.list)]:
        e = s.raises(f"{what} list outside a swarm", docker.errors.APIError, fn)
        s.check(f"{what} list is 503", e is not None and e.status_code == 503, e and e.status_code)
    e = s.raises("swarm leave outside a swarm", docker.errors.APIError, s.api.leave_swarm)
    s.check("leave is 503 'not part of a swarm'", e is not None and e.status_code == 503
            and "not part of a swarm" in str(e.explanation), e and e.explanation)
    e = s.raises("swarm init is refused", docker.errors.APIError, s.api.init_swarm, advertise_addr="127.0.0.1")
    s.check("init is 501, no swarm mode", e is not None and e.status_code == 501, e and e.status_code)


def filters(s):
    c = s.client
    n1 = s.track(c.networks.create(s.name("f1")))
    s.track(c.networks.create(s.name("f2")))
    for form in ({"name": [n1.name]}, {"name": {n1.name: True}}):
        got = [n["Name"] for n in raw(s, "GET", "/networks", json.dumps(form))]
        s.check(f"network list filter in the form {list(form.values())[0]!r}", got == [n1.name], got)
    e = s.raises("an unreadable filter", docker.errors.APIError, raw, s, "GET", "/networks", "garb1age}")
    s.check("is 400 'invalid filter'", e is not None and e.status_code == 400
            and "invalid filter" in str(e.explanation), e and e.explanation)
    e = s.raises("an unknown filter key", docker.errors.APIError, c.containers.list, filters={"colour": "red"})
    s.check("is 400 invalid filter 'colour'", e is not None and e.status_code == 400
            and "invalid filter 'colour'" in str(e.explanation), e and e.explanation)


def prunes_refuse_bad_filters(s):
    c = s.client
    net = s.track(c.networks.create(s.name("keep-net")))
    vol = s.track(c.volumes.create(s.name("keep-vol")))
    ctr = s.track(c.containers.create("busybox", ["true"], name=s.name("keep-ctr")))
    for path in ("/networks/prune", "/containers/prune", "/volumes/prune", "/images/prune"):
        e = s.raises(f"{path} with an unreadable filter", docker.errors.APIError, raw, s, "POST", path, "garb1age}")
        s.check(f"{path}: 400", e is not None and e.status_code == 400, e and e.status_code)
        e = s.raises(f"{path} with an unknown filter", docker.errors.APIError, raw, s, "POST", path, '{"colour":["red"]}')
        s.check(f"{path}: unknown key 400", e is not None and e.status_code == 400, e and e.status_code)
    e = s.raises("until that is no time", docker.errors.APIError, c.containers.prune, filters={"until": "soon"})
    s.check("until unreadable: 400", e is not None and e.status_code == 400, e and e.status_code)
    e = s.raises("image prune dangling=maybe", docker.errors.APIError, c.images.prune, filters={"dangling": "maybe"})
    s.check("dangling unreadable: 400", e is not None and e.status_code == 400, e and e.status_code)
    for what, get, obj in [("network", c.networks.get, net), ("volume", c.volumes.get, vol),
                           ("container", c.containers.get, ctr)]:
        s.check(f"the {what} is still there", exists(get, obj.id))
    s.check("busybox is still there", len(c.images.list(name="busybox")) == 1)


def prune_filters_apply(s):
    c = s.client
    old = s.track(c.networks.create(s.name("p-old"), labels={"gantry.test": s.prefix}))
    kept = s.track(c.networks.create(s.name("p-kept"), labels={"gantry.test": s.prefix, "keep": "yes"}))
    other = s.track(c.networks.create(s.name("p-other")))
    r = c.networks.prune(filters={"label": f"gantry.test={s.prefix}", "label!": "keep=yes"})
    s.check("network prune took the labelled one only", r.get("NetworksDeleted") == [old.name], r)
    r = c.networks.prune(filters={"label": f"gantry.test={s.prefix}", "until": "1h"})
    s.check("until 1h: a network made just now stays", not r.get("NetworksDeleted"), r)
    names = [n.name for n in c.networks.list()]
    s.check("the kept and unlabelled networks remain", kept.name in names and other.name in names, names)

    a = s.track(c.containers.create("busybox", ["true"], name=s.name("pc-a"), labels={"gantry.test": s.prefix}))
    b = s.track(c.containers.create("busybox", ["true"], name=s.name("pc-b")))
    a.start()
    a.wait()
    r = c.containers.prune(filters={"label": f"gantry.test={s.prefix}"})
    s.check("container prune took the labelled one", r.get("ContainersDeleted") == [a.id], r)
    s.check("SpaceReclaimed is a number", isinstance(r.get("SpaceReclaimed"), int), r)
    s.check("the unlabelled stopped container stays", exists(c.containers.get, b.id))

    v = s.track(c.volumes.create(s.name("pv"), labels={"gantry.test": s.prefix}))
    keep = s.track(c.volumes.create(s.name("pv-keep"), labels={"gantry.test": s.prefix, "keep": "yes"}))
    r = c.volumes.prune(filters={"label": f"gantry.test={s.prefix}", "label!": "keep=yes", "all": "true"})
    s.check("volume prune took the labelled one only", r.get("VolumesDeleted") == [v.name], r)
    s.check("the label! one stays", exists(c.volumes.get, keep.name))


def reclaimed(s):
    c = s.client
    ctr = s.track(c.containers.run("busybox", ["sh", "-c", "head -c 300000 /dev/zero > /big"],
                                   name=s.name("rw"), labels={"gantry.reclaim": s.prefix}, detach=True))
    ctr.wait()
    r = c.containers.prune(filters={"label": f"gantry.reclaim={s.prefix}"})
    s.check("container prune reclaims the writable layer", r.get("SpaceReclaimed", 0) >= 300000, r)
    vol = c.volumes.create(s.name("rv"), labels={"gantry.reclaim": s.prefix})
    c.containers.run("busybox", ["sh", "-c", "head -c 200000 /dev/zero > /v/big"], remove=True,
                     volumes={vol.name: {"bind": "/v", "mode": "rw"}})
    r = c.volumes.prune(filters={"label": f"gantry.reclaim={s.prefix}", "all": "1"})
    s.check("volume prune reclaims the volume's bytes", r.get("SpaceReclaimed", 0) >= 200000, r)
    tag = s.name("reclaim")
    built = []
    for content in ("first", "second"):
        dockerfile = (f"FROM busybox\nLABEL gantry.reclaim={s.prefix}\n"
                      f"RUN head -c 150000 /dev/zero > /f && echo {content} >> /f\n").encode()
        image, _ = c.images.build(fileobj=io.BytesIO(dockerfile), tag=tag, rm=True)
        built.append(image)
    s.track(image)
    r = c.images.prune(filters={"label": f"gantry.reclaim={s.prefix}"})
    deleted = [d.get("Deleted") for d in r.get("ImagesDeleted") or []]
    s.check("image prune took the untagged first build", len(deleted) >= 2 and image.id not in deleted, r)
    s.check("image prune reclaims the layer that went", r.get("SpaceReclaimed", 0) >= 150000, r)
    s.check("and not busybox's, which stays", r.get("SpaceReclaimed", 0) < built[0].attrs["Size"],
            (r.get("SpaceReclaimed"), built[0].attrs["Size"]))
    s.check("the tagged build stays", exists(c.images.get, image.id))


def list_filters_and_ports(s):
    c = s.client
    net = s.track(c.networks.create(s.name("lf")))
    web = s.track(c.containers.run("busybox", ["sleep", "300"], name=s.name("web"), detach=True,
                                   ports={"80/tcp": ("127.0.0.1", None)}, network=net.name))
    plain = s.track(c.containers.run("busybox", ["sleep", "300"], name=s.name("plain"), detach=True))

    def ids(**f):
        return {x.id for x in c.containers.list(filters=f)}
    s.check("network by name", ids(network=net.name) == {web.id}, ids(network=net.name))
    s.check("network by ID prefix", ids(network=net.id[:12]) == {web.id})
    s.check("publish=80", web.id in ids(publish="80") and plain.id not in ids(publish="80"))
    s.check("publish=80/tcp, range", web.id in ids(publish="79-81/tcp"))
    s.check("publish=80/udp matches nothing of ours", web.id not in ids(publish="80/udp"))
    s.check("expose=80 (published ports are exposed)", web.id in ids(expose="80") and plain.id not in ids(expose="80"))
    s.check("is-task=true: no swarm tasks here", not ids(**{"is-task": "true"}) & {web.id, plain.id})
    s.check("is-task=false: everything", {web.id, plain.id} <= ids(**{"is-task": "false"}))
    for bad in ({"status": "sleepy"}, {"health": "meh"}, {"exited": "x"}, {"publish": "80:80"}):
        e = s.raises(f"container list filter {bad}", docker.errors.APIError, c.containers.list, filters=bad)
        s.check(f"{bad}: 400", e is not None and e.status_code == 400, e and e.status_code)
    row = [x for x in s.api.containers(filters={"id": web.id})][0]
    web.reload()
    bound = web.attrs["NetworkSettings"]["Ports"]["80/tcp"][0]
    want = {"IP": "127.0.0.1", "PrivatePort": 80, "PublicPort": int(bound["HostPort"]), "Type": "tcp"}
    s.check("list Ports names the binding", want in row["Ports"], row["Ports"])


def build_prune(s):
    c = s.client
    dockerfile = f"FROM busybox\nRUN echo {s.prefix} > /one\nRUN echo {s.prefix} > /two\n".encode()
    image, logs = c.images.build(fileobj=io.BytesIO(dockerfile), tag=s.name("bp"), rm=True)
    s.track(image)
    steps = [line["stream"].split("---> ")[1].strip() for line in logs
             if "stream" in line and "---> " in line["stream"] and "Running in" not in line["stream"]]
    step = steps[1]  # the first RUN's image: cached, untagged
    s.check("the first RUN left a cached step image", exists(c.images.get, step), steps)
    for bad in ("garb1age}", '{"colour":["red"]}', '{"until":["soon"]}', '{"shared":["maybe"]}'):
        e = s.raises(f"build prune with {bad}", docker.errors.APIError, raw, s, "POST", "/build/prune", bad)
        s.check(f"build prune with {bad}: 400", e is not None and e.status_code == 400, e and e.status_code)
    s.check("the step image survived the refused prunes", exists(c.images.get, step))
    r = raw(s, "POST", "/build/prune", '{"type":["exec.cachemount"]}')
    s.check("type exec.cachemount: the legacy cache has none", not r.get("CachesDeleted"), r)
    r = raw(s, "POST", "/build/prune", json.dumps({"id": [step], "until": ["1h"]}))
    s.check("until 1h keeps a step made just now", not r.get("CachesDeleted"), r)
    r = raw(s, "POST", "/build/prune", json.dumps({"id": [step]}))
    s.check("id selects the step", len(r.get("CachesDeleted") or []) == 1 and r["SpaceReclaimed"] >= 0, r)
    s.check("the step image went", not exists(c.images.get, step))
    s.check("the tagged result stays", exists(c.images.get, image.id))


def scenario(s):
    identity(s)
    swarm(s)
    filters(s)
    prunes_refuse_bad_filters(s)
    prune_filters_apply(s)
    reclaimed(s)
    list_filters_and_ports(s)
    build_prune(s)


main(scenario)
