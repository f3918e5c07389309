package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.config.HostConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Docker's legacy links ({@code --link target:alias}, {@code HostConfig.Links}). On the default bridge a linked
 * container sees its targets through environment variables and {@code /etc/hosts} lines, made at each start; on a
 * user-defined network a link is an alias of the target that only the linking container resolves (through the
 * embedded DNS). The links are kept in {@code HostConfig.Links} as the client gave them, by target name.
 */
public final class Links {
    private final Function<String, Optional<Container>> containers;

    /** A link: the target container's name or ID, and the alias the linking container knows it by. */
    public record Link(String target, String alias) {
    }

    /** @param containers finds a container by ID or name, as the container store does */
    public Links(Function<String, Optional<Container>> containers) {
        this.containers = containers;
    }

    /** {@code HostConfig.Links} entries: {@code name:alias}, or {@code name} with the name as alias; slashes dropped. */
    public static List<Link> of(HostConfig hostConfig) {
        List<Link> out = new ArrayList<>();
        for (String text : hostConfig.linksOrEmpty()) {
            int colon = text.indexOf(':');
            String target = strip(colon < 0 ? text : text.substring(0, colon));
            String alias = colon < 0 ? target : strip(text.substring(colon + 1));
            // the inspect form /target:/source/alias names the alias last
            alias = alias.substring(alias.lastIndexOf('/') + 1);
            if (!target.isEmpty() && !alias.isEmpty()) {
                out.add(new Link(target, alias));
            }
        }
        return out;
    }

    private static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /** At create, as dockerd: every target exists, and host networking takes no links. */
    void check(HostConfig hostConfig, String mode) {
        List<Link> links = of(hostConfig);
        if (links.isEmpty()) {
            return;
        }
        if (mode.equals("host")) {
            throw EngineException.invalid("conflicting options: host type networking can't be used with links. "
                    + "This would result in undefined behavior");
        }
        for (Link l : links) {
            if (containers.apply(l.target()).isEmpty()) {
                throw EngineException.invalid("could not get container for " + l.target() + ": No such container: " + l.target());
            }
        }
    }

    /** The links as endpoint settings show them on a user-defined network: {@code target:alias}. */
    static List<String> endpointLinks(HostConfig hostConfig) {
        return of(hostConfig).stream().map(l -> l.target() + ":" + l.alias()).toList();
    }

    /** Inspect's {@code HostConfig.Links}: {@code /target:/source/alias}, or null without links. */
    public static List<String> view(Container c) {
        List<Link> links = of(c.hostConfig());
        if (links.isEmpty()) {
            return null;
        }
        return links.stream().map(l -> "/" + l.target() + ":/" + c.name() + "/" + l.alias()).toList();
    }

    /** {@code DELETE /containers/source/alias?link=1}: the host config without that link; empty when there is none. */
    public static Optional<HostConfig> without(HostConfig hostConfig, String alias) {
        List<Link> links = of(hostConfig);
        if (links.stream().noneMatch(l -> l.alias().equals(alias))) {
            return Optional.empty();
        }
        return Optional.of(hostConfig.withLinks(links.stream().filter(l -> !l.alias().equals(alias))
                .map(l -> l.target() + ":" + l.alias()).toList()));
    }

    /**
     * The aliases a container's links give it on user-defined networks, alias (lower case) to the target's ID;
     * targets that are gone are left out.
     */
    Map<String, String> aliases(String containerId) {
        Map<String, String> out = new LinkedHashMap<>();
        containers.apply(containerId).ifPresent(c -> of(c.hostConfig()).forEach(l ->
                containers.apply(l.target()).ifPresent(t -> out.put(l.alias().toLowerCase(Locale.ROOT), t.id()))));
        return out;
    }

    /**
     * The container as its process and files see it at a start on the default bridge: for each link the
     * variables Docker documents ({@code ALIAS_NAME}, {@code ALIAS_PORT...}, {@code ALIAS_ENV_...}) before its
     * own (which win), and an {@code /etc/hosts} line {@code ip alias hostname [name]}. Each target must be
     * running on the bridge.
     */
    Container applied(Container c, NetworkStore store) {
        List<Link> links = of(c.hostConfig());
        if (links.isEmpty() || !Networking.mode(c).equals("bridge")) {
            return c;
        }
        NetworkRecord bridge = store.resolve("bridge");
        Set<String> own = new HashSet<>();
        c.config().envOrEmpty().forEach(e -> own.add(e.split("=", 2)[0]));
        List<String> env = new ArrayList<>();
        List<String> hosts = new ArrayList<>(c.hostConfig().extraHostsOrEmpty());
        for (Link l : links) {
            Container t = containers.apply(l.target()).filter(x -> x.status().alive()).orElseThrow(() -> EngineException.failed(
                    "Cannot link to a non running container: /" + l.target() + " AS /" + c.name() + "/" + l.alias(), null));
            String ip = store.endpointsOf(t.id()).stream().filter(e -> e.networkId().equals(bridge.id())).findFirst()
                    .map(EndpointRecord::address).orElseThrow(() -> EngineException.invalid("Cannot link to /" + t.name()
                            + ", as it does not belong to the default network"));
            env.addAll(variables(l, t, ip, "/" + c.name() + "/" + l.alias()));
            String hostname = t.config().hostname().isEmpty() ? t.shortId() : t.config().hostname();
            // ExtraHosts' name:ip form; the names part may hold several names, as an /etc/hosts line does
            hosts.add(l.alias() + " " + hostname + (l.alias().equals(t.name()) ? "" : " " + t.name()) + ":" + ip);
        }
        List<String> fullEnv = new ArrayList<>();
        env.stream().filter(v -> !own.contains(v.split("=", 2)[0])).forEach(fullEnv::add);
        fullEnv.addAll(c.config().envOrEmpty());
        return new Container(c.id(), c.name(), c.created(), c.imageId(), c.config().withEnv(fullEnv),
                c.hostConfig().withExtraHosts(hosts), c.runtime(), c.snapshot(),
                c.mounts(), c.state(), c.restartCount(), c.manuallyStopped(), c.generation(), c.networks());
    }

    /** One link's variables, as Docker's link documentation lists them. */
    static List<String> variables(Link l, Container target, String ip, String linkName) {
        String a = l.alias().toUpperCase(Locale.ROOT).replace('-', '_');
        List<String[]> ports = new ArrayList<>();
        target.config().exposedOrEmpty().forEach(k -> {
            String[] pp = k.split("/");
            ports.add(new String[] {pp[0], pp.length > 1 ? pp[1] : "tcp"});
        });
        ports.sort(Comparator.<String[]>comparingInt(p -> Integer.parseInt(p[0])).thenComparing(p -> p[1]));
        List<String> out = new ArrayList<>();
        if (!ports.isEmpty()) {
            out.add(a + "_PORT=" + ports.getFirst()[1] + "://" + ip + ":" + ports.getFirst()[0]);
        }
        for (String[] p : ports) {
            String prefix = a + "_PORT_" + p[0] + "_" + p[1].toUpperCase(Locale.ROOT);
            out.add(prefix + "=" + p[1] + "://" + ip + ":" + p[0]);
            out.add(prefix + "_ADDR=" + ip);
            out.add(prefix + "_PORT=" + p[0]);
            out.add(prefix + "_PROTO=" + p[1]);
        }
        out.add(a + "_NAME=" + linkName);
        for (String e : target.config().envOrEmpty()) {
            String[] kv = e.split("=", 2);
            // set by builds for the image itself, of no use to whoever links to it (dockerd leaves them out too)
            if (kv.length == 2 && !kv[0].equals("HOME") && !kv[0].equals("PATH")) {
                out.add(a + "_ENV_" + kv[0] + "=" + kv[1]);
            }
        }
        return out;
    }
}
