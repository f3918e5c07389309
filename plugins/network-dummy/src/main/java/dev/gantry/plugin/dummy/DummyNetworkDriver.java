package dev.gantry.plugin.dummy;

import dev.gantry.spi.network.Endpoint;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NamespaceMode;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A network driver as a third party would write one, to show the SPI is enough: containers get a namespace of
 * their own (the engine makes it) with an interface {@code eth0} carrying the address IPAM gave, whose peer stays in
 * the same namespace (a veth pair: the kernel's {@code dummy} module cannot be loaded everywhere). Nothing reaches
 * out of the namespace. The host side of a network is a record in the plugin's state directory; nothing is made on
 * the host, and an endpoint goes with its namespace.
 */
public final class DummyNetworkDriver implements NetworkDriver {
    static final String INTERFACE = "eth0";
    private static final String PEER = "gdummy0";
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(PluginKind.NETWORK, "dummy", "0.1.0", Set.of());
    private Path networks;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability probe() {
        return Files.isExecutable(Path.of("/usr/bin/nsenter")) ? Availability.available("dummy interfaces via nsenter and ip")
                : Availability.unavailable("nsenter is not installed");
    }

    @Override
    public void init(PluginContext context) throws IOException {
        networks = Files.createDirectories(context.stateDir().resolve("networks"));
    }

    @Override
    public NamespaceMode namespaceMode() {
        return NamespaceMode.PRIVATE;
    }

    @Override
    public void createNetwork(NetworkSpec spec) {
        try {
            Files.writeString(record(spec), spec.name());
        } catch (IOException e) {
            throw PluginException.failed("cannot record network " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteNetwork(NetworkSpec spec) {
        try {
            Files.deleteIfExists(record(spec));
        } catch (IOException e) {
            throw PluginException.failed("cannot remove network " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private Path record(NetworkSpec spec) {
        if (networks == null) {
            throw PluginException.failed("the dummy driver was not initialised", null);
        }
        if (!spec.id().matches("[0-9a-f]{1,64}")) {
            throw new PluginException(PluginException.Reason.INVALID, "invalid network id " + spec.id());
        }
        return networks.resolve(spec.id());
    }

    @Override
    public Endpoint connect(NetworkSpec network, EndpointSpec endpoint) {
        Path netns = endpoint.netns().orElseThrow(() ->
                new PluginException(PluginException.Reason.INVALID, "the dummy driver needs a network namespace"));
        if (!Files.exists(netns)) {
            throw new PluginException(PluginException.Reason.INVALID, "no network namespace at " + netns);
        }
        try {
            if (!present(netns)) {
                ip(netns, "link", "add", INTERFACE, "type", "veth", "peer", "name", PEER);
            }
            for (String address : addresses(endpoint)) {
                ip(netns, "addr", "replace", address, "dev", INTERFACE);
            }
            ip(netns, "link", "set", PEER, "up");
            ip(netns, "link", "set", INTERFACE, "up");
        } catch (RuntimeException e) {
            disconnect(network, endpoint);
            throw e;
        }
        return new Endpoint(java.util.Optional.of(INTERFACE), endpoint.address(), java.util.Optional.empty(),
                java.util.Optional.empty());
    }

    @Override
    public void disconnect(NetworkSpec network, EndpointSpec endpoint) {
        endpoint.netns().filter(Files::exists).filter(DummyNetworkDriver::present)
                .ifPresent(netns -> ip(netns, "link", "del", INTERFACE));
    }

    private static List<String> addresses(EndpointSpec endpoint) {
        List<String> all = new ArrayList<>();
        endpoint.address().ifPresent(all::add);
        all.addAll(endpoint.moreAddresses());
        return all;
    }

    private static boolean present(Path netns) {
        return run(netns, List.of("link", "show", INTERFACE)) == 0;
    }

    private static void ip(Path netns, String... args) {
        if (run(netns, List.of(args)) != 0) {
            throw PluginException.failed("ip " + String.join(" ", args) + " failed in " + netns, null);
        }
    }

    private static int run(Path netns, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + netns, "ip"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw PluginException.failed("timed out: " + cmd, null);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw PluginException.failed("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PluginException.failed("interrupted: " + cmd, e);
        }
    }
}
