package dev.gantry.core.container.filter;

import dev.gantry.core.container.store.HostConfigDocument;
import java.util.LinkedHashMap;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.config.ContainerConfig;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerState;
import dev.gantry.core.container.MountPoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Containers with just what the list filters look at. */
final class TestContainers {
    private TestContainers() {
    }

    static Container of(String id, String name, Instant created, String image, String imageId, ContainerState state,
                        Map<String, String> labels, Set<String> exposed, Set<String> portBindings,
                        List<String> networks, List<MountPoint> mounts) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode hc = f.objectNode();
        ObjectNode pb = hc.putObject("PortBindings");
        portBindings.forEach(pb::putArray);
        Map<String, EndpointConfig> nets = new LinkedHashMap<>();
        networks.forEach(n -> nets.put(n, EndpointConfig.none()));
        ContainerConfig config = new ContainerConfig("", "", "", false, false, false, exposed, false, false, false, null,
                List.of("true"), null, false, image, null, "", null, false, "", null, labels, null, null, null);
        return new Container(id, name, created, imageId, config, HostConfigDocument.read(hc), "runc", "container/" + id, mounts, state, 0, false,
                0, nets);
    }
}
