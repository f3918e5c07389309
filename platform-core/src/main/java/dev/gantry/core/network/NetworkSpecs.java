package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import dev.gantry.core.sys.Syscalls;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.PortBinding;
import dev.gantry.spi.network.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SPI's view of the engine's records (what a driver is told), and the named namespaces endpoints live in. */
final class NetworkSpecs {
    private NetworkSpecs() {
    }

    static NetworkSpec spec(NetworkRecord n) {
        List<Subnet> subnets = n.pools().stream().filter(p -> !p.v6() || n.enableIPv6())
                .map(p -> new Subnet(p.subnet(), p.gateway())).toList();
        return new NetworkSpec(n.id(), n.name(), Optional.of(n.subnet()), Optional.of(n.gateway()), n.internal(), n.options(),
                subnets);
    }

    static EndpointSpec endpointSpec(NetworkRecord n, EndpointRecord e, Path netns, boolean gateway) {
        List<PortBinding> ports = new ArrayList<>();
        for (EndpointRecord.Port p : e.ports()) {
            ports.add(new PortBinding(p.protocol(), p.containerPort(), p.hostIp(), p.hostPort()));
        }
        List<String> more = new ArrayList<>();
        if (!e.address6().isEmpty()) {
            more.add(e.address6() + "/" + n.prefixLength(e.address6()));
        }
        // link-local addresses get their scope's prefix, as Docker adds them
        e.linkLocal().forEach(l -> more.add(l + (Cidr.isV6(l) ? "/64" : "/16")));
        return new EndpointSpec(n.id(), e.containerId(), Optional.of(netns), Optional.of(e.address() + "/" + n.prefixLength(e.address())),
                Optional.of(e.mac()), ports, gateway, more);
    }

    /**
     * {@code ip netns add}, without the process: an empty file under /run/netns with a new namespace bound on it,
     * so {@code ip netns} and {@code ip -n} know it by name.
     */
    static void makeNamespace(Path path, Path netnsDir) {
        try {
            Files.createDirectories(netnsDir);
            Files.createFile(path);
            Syscalls.newNetworkNamespace(path);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // nothing was bound on it
            }
            throw EngineException.failed("cannot make a network namespace: " + e.getMessage(), e);
        }
    }
}
