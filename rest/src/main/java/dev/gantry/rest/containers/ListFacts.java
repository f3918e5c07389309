package dev.gantry.rest.containers;

import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerStore;
import dev.gantry.core.container.filter.ContainerFilter;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.network.EndpointRecord;
import dev.gantry.core.network.NetworkRecord;
import dev.gantry.core.network.Networking;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** What the container list's filters look up in the engine's stores; networking may be absent. */
record ListFacts(ContainerStore containers, ImageStore images, Networking networking) implements ContainerFilter.Facts {
    @Override
    public Container resolve(String ref) {
        return containers.resolve(ref);
    }

    @Override
    public Optional<String> imageId(String ref) {
        return images.find(ref).map(i -> i.id().toString());
    }

    @Override
    public Optional<String> networkId(String name) {
        return networking == null ? Optional.empty() : networking.store().find(name).map(NetworkRecord::id);
    }

    @Override
    public Set<String> boundPorts(String containerId) {
        Set<String> out = new HashSet<>();
        if (networking != null) {
            for (EndpointRecord e : networking.store().endpointsOf(containerId)) {
                e.ports().forEach(p -> out.add(p.containerPort() + "/" + p.protocol()));
            }
        }
        return out;
    }
}
