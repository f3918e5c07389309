"""Networks as dockerd makes them: IPv6, internal, labels and options, IPAM pools, filters, endpoints, links."""
import secrets

import docker
from docker.types import IPAMConfig, IPAMPool

from _scenario import main

# subnets of this script only, away from the engine's default pools and other tests' ones
NET = 200 + secrets.randbelow(50)


def run(s, name, network, **kw):
    return s.track(s.client.containers.run("busybox", ["sleep", "300"], name=s.name(name), network=network,
                                           detach=True, **kw))


def sh(container, cmd):
    code, out = container.exec_run(["sh", "-c", cmd])
    return code, out.decode()


def ipv6(s):
    n6 = s.track(s.client.networks.create(s.name("v6"), driver="bridge", enable_ipv6=True, ipam=IPAMConfig(
        pool_configs=[IPAMPool(subnet=f"fd00:{NET}:1::/64")])))
    n6.reload()
    s.check("EnableIPv6 is kept", n6.attrs["EnableIPv6"] is True, n6.attrs)
    subnets = [p["Subnet"] for p in n6.attrs["IPAM"]["Config"]]
    s.check("an IPv4 pool is chosen beside the IPv6 one", len(subnets) == 2 and f"fd00:{NET}:1::/64" in subnets, subnets)
    a = run(s, "v6a", n6.name)
    b = run(s, "v6b", n6.name)
    a.reload()
    ep = a.attrs["NetworkSettings"]["Networks"][n6.name]
    s.check("GlobalIPv6Address in the subnet", ep["GlobalIPv6Address"].startswith(f"fd00:{NET}:1::"), ep)
    s.check("IPv6Gateway is the subnet's first address", ep["IPv6Gateway"] == f"fd00:{NET}:1::1", ep)
    s.check("GlobalIPv6PrefixLen", ep["GlobalIPv6PrefixLen"] == 64, ep)
    code, out = sh(a, "ip -6 addr show dev eth0; ip -6 route")
    s.check("the address is on eth0", ep["GlobalIPv6Address"] + "/64" in out, out)
    s.check("default route via the IPv6 gateway", f"default via fd00:{NET}:1::1" in out, out)
    code, out = sh(a, f"nslookup -type=AAAA {b.name}")
    b.reload()
    b6 = b.attrs["NetworkSettings"]["Networks"][n6.name]["GlobalIPv6Address"]
    s.check("the embedded DNS answers AAAA for a name of the network", b6 and b6 in out, out)
    code, out = sh(a, f"ping6 -c 1 -W 2 {b.name}")
    s.check("ping6 between two containers", code == 0, out)
    fixed = s.track(s.client.containers.create("busybox", ["sleep", "300"], name=s.name("v6fixed")))
    n6.connect(fixed, ipv6_address=f"fd00:{NET}:1::99")
    fixed.start()
    fixed.reload()
    got = fixed.attrs["NetworkSettings"]["Networks"][n6.name]["GlobalIPv6Address"]
    s.check("a fixed IPv6 address (--ip6) is used", got == f"fd00:{NET}:1::99", got)
    code, out = sh(a, f"ping6 -c 1 -W 2 fd00:{NET}:1::99")
    s.check("...and answers", code == 0, out)
    inspect = s.api.inspect_network(n6.id)
    members = inspect["Containers"]
    s.check("network inspect lists IPv6Address", any(m["IPv6Address"].startswith(f"fd00:{NET}:1::") for m in members.values()),
            members)


def internal(s):
    ni = s.track(s.client.networks.create(s.name("int"), internal=True))
    ni.reload()
    s.check("Internal is kept", ni.attrs["Internal"] is True, ni.attrs)
    c = run(s, "int", ni.name)
    code, out = sh(c, "ip route")
    s.check("an internal network gives no default route", "default" not in out and code == 0, out)
    d = run(s, "int2", ni.name)
    code, out = sh(c, f"ping -c 1 -W 2 {d.name}")
    s.check("containers on an internal network still reach each other", code == 0, out)


def labels_and_options(s):
    bridge = "gpy" + secrets.token_hex(4)
    opts = {"com.docker.network.driver.mtu": "1400", "com.docker.network.bridge.enable_icc": "false",
            "com.docker.network.bridge.name": bridge}
    n = s.track(s.client.networks.create(s.name("opts"), labels={"team": "net", "tier": "web"}, options=opts,
                                         attachable=True))
    n.reload()
    s.check("labels are kept", n.attrs["Labels"] == {"team": "net", "tier": "web"}, n.attrs["Labels"])
    s.check("options are kept", all(n.attrs["Options"].get(k) == v for k, v in opts.items()), n.attrs["Options"])
    s.check("Attachable is kept", n.attrs["Attachable"] is True, n.attrs)
    a = run(s, "opta", n.name)
    b = run(s, "optb", n.name)
    code, out = sh(a, "ip link show eth0")
    s.check("driver.mtu sets the container's MTU", "mtu 1400" in out, out)
    code, out = sh(a, f"ping -c 1 -W 1 {b.name}")
    s.check("enable_icc=false keeps the containers apart", code != 0, out)
    gw = n.attrs["IPAM"]["Config"][0]["Gateway"]
    code, out = sh(a, f"ping -c 1 -W 2 {gw}")
    s.check("...while the gateway answers", code == 0, out)
    listed = [x.name for x in s.client.networks.list(filters={"label": "team=net"})]
    s.check("list filter label=team=net", listed == [n.name], listed)
    e = s.raises("a second network with the same bridge name is refused", docker.errors.APIError,
                 s.client.networks.create, s.name("opts2"), options={"com.docker.network.bridge.name": bridge})
    s.check("...with 403", e is not None and e.status_code == 403, e)
    e = s.raises("a bridge name over 15 characters is refused", docker.errors.APIError,
                 s.client.networks.create, s.name("long"), options={"com.docker.network.bridge.name": "x" * 16})
    s.check("...with 400", e is not None and e.status_code == 400, e)
    e = s.raises("a bad MTU is refused", docker.errors.APIError,
                 s.client.networks.create, s.name("mtu"), options={"com.docker.network.driver.mtu": "big"})
    s.check("...with 400", e is not None and e.status_code == 400, e)


def duplicates_and_pools(s):
    n = s.track(s.client.networks.create(s.name("dup"), ipam=IPAMConfig(pool_configs=[
        IPAMPool(subnet=f"10.{NET}.1.0/24", aux_addresses={"router": f"10.{NET}.1.2"}),
        IPAMPool(subnet=f"10.{NET}.2.0/24")])))
    e = s.raises("a duplicate name is refused", docker.errors.APIError, s.client.networks.create, s.name("dup"))
    s.check("...with 409 and dockerd's message", e is not None and e.status_code == 409
            and f"network with name {s.name('dup')} already exists" in str(e), e)
    n.reload()
    cfg = n.attrs["IPAM"]["Config"]
    s.check("both pools are kept", [p["Subnet"] for p in cfg] == [f"10.{NET}.1.0/24", f"10.{NET}.2.0/24"], cfg)
    s.check("AuxiliaryAddresses are kept", cfg[0].get("AuxiliaryAddresses") == {"router": f"10.{NET}.1.2"}, cfg)
    c = run(s, "pool", n.name)
    c.reload()
    ip = c.attrs["NetworkSettings"]["Networks"][n.name]["IPAddress"]
    s.check("an auxiliary address is never handed out", ip == f"10.{NET}.1.3", ip)
    e = s.raises("an overlapping pool is refused", docker.errors.APIError, s.client.networks.create, s.name("over"),
                 ipam=IPAMConfig(pool_configs=[IPAMPool(subnet=f"10.{NET}.1.128/25")]))
    s.check("...with 403, as dockerd", e is not None and e.status_code == 403 and "Pool overlaps" in str(e), e)


def filters(s):
    n = s.track(s.client.networks.create(s.name("flt"), labels={"f": s.prefix}))
    names = lambda **f: sorted(x["Name"] for x in s.api.networks(**f))  # noqa: E731
    s.check("filter name", names(filters={"name": s.name("flt")}) == [n.name])
    s.check("filter id prefix", names(filters={"id": n.id[:12]}) == [n.name])
    s.check("filter type=builtin", names(filters={"type": "builtin"}) == ["bridge", "host", "none"])
    s.check("filter type=custom excludes built-ins", "bridge" not in names(filters={"type": "custom"}))
    s.check("filter scope=local", n.name in names(filters={"scope": "local"}))
    s.check("filter scope=swarm", names(filters={"scope": "swarm"}) == [])
    s.check("filter driver=bridge", n.name in names(filters={"driver": "bridge"}))
    s.check("filter dangling=true: unused, not built-in",
            n.name in names(filters={"dangling": "true"}) and "bridge" not in names(filters={"dangling": "true"}))
    s.check("filter dangling=false keeps built-ins", "bridge" in names(filters={"dangling": "false"}))
    e = s.raises("an unknown type value is refused", docker.errors.APIError, s.api.networks, filters={"type": "odd"})
    s.check("...with 400", e is not None and e.status_code == 400, e)
    got = s.api.inspect_network(n.id, verbose=True, scope="local")
    s.check("inspect accepts verbose and scope", got["Id"] == n.id)


def endpoints(s):
    n = s.track(s.client.networks.create(s.name("ep"), ipam=IPAMConfig(pool_configs=[IPAMPool(subnet=f"10.{NET}.3.0/24")])))
    m = s.track(s.client.networks.create(s.name("mac")))
    other = s.track(s.client.networks.create(s.name("mac2")))
    c = run(s, "ep", "bridge")
    n.connect(c, link_local_ips=["169.254.77.7"])
    c.reload()
    ep = c.attrs["NetworkSettings"]["Networks"][n.name]
    s.check("LinkLocalIPs shown in inspect", (ep.get("IPAMConfig") or {}).get("LinkLocalIPs") == ["169.254.77.7"], ep)
    code, out = sh(c, "ip addr")
    s.check("the link-local address is on the interface", "169.254.77.7" in out, out)
    url = s.api._url("/networks/{0}/connect", m.id)
    s.api._raise_for_status(s.api._post_json(url, data={"Container": c.id, "EndpointConfig": {"MacAddress": "02:aa:bb:cc:dd:ee"}}))
    c.reload()
    s.check("MacAddress of connect is used", c.attrs["NetworkSettings"]["Networks"][m.name]["MacAddress"] == "02:aa:bb:cc:dd:ee",
            c.attrs["NetworkSettings"]["Networks"][m.name])
    code, out = sh(c, "ip link")
    s.check("...on the interface", "02:aa:bb:cc:dd:ee" in out, out)
    legacy = s.track(s.client.containers.run("busybox", ["sleep", "300"], name=s.name("legacymac"), detach=True,
                                             mac_address="02:00:00:aa:bb:01"))
    code, out = sh(legacy, "ip link show eth0")
    s.check("the container-wide mac_address is the first network's", "02:00:00:aa:bb:01" in out, out)
    bad = s.api._post_json(s.api._url("/networks/{0}/connect", other.id),
                           data={"Container": c.id, "EndpointConfig": {"MacAddress": "not-a-mac"}})
    s.check("a bad MacAddress is a 400", bad.status_code == 400, bad.text)


def links(s):
    db = s.track(s.client.containers.run("busybox", ["sleep", "300"], name=s.name("db"), detach=True,
                                         environment={"SECRET": "s3"}, ports={"5432/tcp": None}))
    db.reload()
    ip = db.attrs["NetworkSettings"]["IPAddress"]
    out = s.client.containers.run("busybox", ["sh", "-c", "env; cat /etc/hosts"], remove=True,
                                  links={db.name: "my-db"}).decode()
    for want in [f"MY_DB_PORT=tcp://{ip}:5432", f"MY_DB_PORT_5432_TCP=tcp://{ip}:5432", f"MY_DB_PORT_5432_TCP_ADDR={ip}",
                 "MY_DB_PORT_5432_TCP_PORT=5432", "MY_DB_PORT_5432_TCP_PROTO=tcp", "MY_DB_ENV_SECRET=s3"]:
        s.check(f"link variable {want.split('=')[0]}", want in out.splitlines(), out)
    s.check("link variable MY_DB_NAME", any(line.startswith("MY_DB_NAME=/") and line.endswith("/my-db") for line in out.splitlines()), out)
    s.check("/etc/hosts has ip alias hostname name", f"{ip}\tmy-db {db.id[:12]} {db.name}" in out, out)
    web = s.track(s.client.containers.create("busybox", ["sleep", "300"], name=s.name("web"), links={db.name: "db"}))
    web.reload()
    s.check("inspect shows HostConfig.Links as /target:/source/alias",
            web.attrs["HostConfig"]["Links"] == [f"/{db.name}:/{web.name}/db"], web.attrs["HostConfig"]["Links"])
    s.api.remove_container(f"/{web.name}/db", link=True)
    web.reload()
    s.check("DELETE ?link=1 removes the link", not web.attrs["HostConfig"]["Links"], web.attrs["HostConfig"]["Links"])
    s.check("...and neither container", {c.id for c in s.client.containers.list(all=True)} >= {web.id, db.id})
    e = s.raises("a link to a missing container is refused", docker.errors.APIError, s.client.containers.create,
                 "busybox", ["true"], links={s.name("nosuch"): "x"})
    s.check("...with 400", e is not None and e.status_code == 400, e)
    n = s.track(s.client.networks.create(s.name("lnk")))
    t = run(s, "lnkt", n.name)
    u = run(s, "lnku", n.name, links={t.name: "theone"})
    code, out = sh(u, "ping -c 1 -W 2 theone")
    s.check("on a user-defined network a link is an alias of the linking container", code == 0, out)
    code, out = sh(t, "ping -c 1 -W 1 theone")
    s.check("...that the others do not resolve", code != 0, out)


def scenario(s):
    ipv6(s)
    internal(s)
    labels_and_options(s)
    duplicates_and_pools(s)
    filters(s)
    endpoints(s)
    links(s)


main(scenario)
