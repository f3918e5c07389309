package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files Docker binds into every container: {@code /etc/hostname}, {@code /etc/hosts} and
 * {@code /etc/resolv.conf}, kept in the container's data directory so edits inside survive restarts.
 */
final class ContainerFiles {
    private ContainerFiles() {
    }

    /**
     * @param address     the container's address on its first network, which its hostname maps to in /etc/hosts
     * @param embeddedDns the container asks the engine's DNS at 127.0.0.11, which knows its networks' names
     */
    static Map<String, Path> write(Path dataDir, Container c, Optional<String> address, boolean embeddedDns) throws IOException {
        Files.createDirectories(dataDir);
        HostConfig hc = c.hostConfig();
        boolean hostNet = hc.networkMode().equals("host");
        String hostname = hostname(c);
        Path hostnameFile = dataDir.resolve("hostname");
        Path hosts = dataDir.resolve("hosts");
        Path resolv = dataDir.resolve("resolv.conf");
        if (hostNet) {
            copyOrEmpty(Path.of("/etc/hostname"), hostnameFile);
            copyOrEmpty(Path.of("/etc/hosts"), hosts);
        } else {
            Files.writeString(hostnameFile, hostname + "\n");
            StringBuilder h = new StringBuilder();
            h.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
                    .append("fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
            address.ifPresent(a -> h.append(a).append('\t').append(hostname).append('\n'));
            for (String extra : hc.extraHostsOrEmpty()) {
                String[] kv = extra.split(":", 2);
                if (kv.length == 2) {
                    h.append(kv[1]).append('\t').append(kv[0]).append('\n');
                }
            }
            Files.writeString(hosts, h.toString());
        }
        Files.writeString(resolv, resolvConf(hc, hostNet, embeddedDns));
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("/etc/resolv.conf", resolv);
        files.put("/etc/hostname", hostnameFile);
        files.put("/etc/hosts", hosts);
        return files;
    }

    /**
     * Points a running container's resolv.conf at the embedded DNS, as Docker does when the container joins its
     * first network with names; a file the user has changed is left alone. Written in place: the file is
     * bind-mounted, so it must stay the same inode.
     */
    static void useEmbeddedDns(Path dataDir, Container c) throws IOException {
        Path resolv = dataDir.resolve("resolv.conf");
        boolean hostNet = c.hostConfig().networkMode().equals("host");
        if (Files.isRegularFile(resolv) && Files.readString(resolv).equals(resolvConf(c.hostConfig(), hostNet, false))) {
            Files.writeString(resolv, resolvConf(c.hostConfig(), hostNet, true));
        }
    }

    /**
     * The host's resolv.conf, with the user's DNS options over it; loopback servers make no sense in a new netns.
     * With the embedded DNS, its address is the only server (the others are its upstreams) and, as in Docker,
     * {@code ndots:0} so that single names are asked as they are first.
     */
    static String resolvConf(HostConfig hc, boolean hostNet, boolean embeddedDns) throws IOException {
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        Path host = Path.of("/etc/resolv.conf");
        if (Files.isReadable(host)) {
            for (String line : Files.readAllLines(host)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                switch (f[0]) {
                    case "nameserver" -> {
                        if (hostNet || !(f[1].startsWith("127.") || f[1].equals("::1"))) {
                            servers.add(f[1]);
                        }
                    }
                    case "search" -> search.addAll(List.of(f).subList(1, f.length));
                    case "options" -> options.addAll(List.of(f).subList(1, f.length));
                    default -> { }
                }
            }
        }
        if (!hc.dnsOrEmpty().isEmpty()) {
            servers.clear();
            servers.addAll(hc.dnsOrEmpty());
        }
        if (!hc.dnsSearchOrEmpty().isEmpty()) {
            search.clear();
            search.addAll(hc.dnsSearchOrEmpty());
        }
        if (!hc.dnsOptionsOrEmpty().isEmpty()) {
            options.clear();
            options.addAll(hc.dnsOptionsOrEmpty());
        }
        if (embeddedDns) {
            servers.clear();
            servers.add(dev.gantry.core.network.DnsResponder.ADDRESS);
            if (options.stream().noneMatch(o -> o.startsWith("ndots:"))) {
                options.add(0, "ndots:0");
            }
        }
        StringBuilder out = new StringBuilder();
        servers.forEach(s -> out.append("nameserver ").append(s).append('\n'));
        if (!search.isEmpty()) {
            out.append("search ").append(String.join(" ", search)).append('\n');
        }
        if (!options.isEmpty()) {
            out.append("options ").append(String.join(" ", options)).append('\n');
        }
        return out.toString();
    }

    private static void copyOrEmpty(Path from, Path to) throws IOException {
        if (Files.isReadable(from)) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.writeString(to, "");
        }
    }

    /** The container's host name: {@code Config.Hostname}, else its short ID. */
    static String hostname(Container c) {
        return c.config().hostname().isEmpty() ? c.shortId() : c.config().hostname();
    }
}
