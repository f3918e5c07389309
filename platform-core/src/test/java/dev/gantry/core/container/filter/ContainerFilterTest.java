package dev.gantry.core.container.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerState;
import dev.gantry.core.container.Health;
import dev.gantry.core.container.MountPoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerFilterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Container web = TestContainers.of("1111", "web", T0.plusSeconds(30), "nginx:1", "sha256:nginx",
            ContainerState.created().running(10, 11, T0), Map.of("tier", "front", "env", "prod"), Set.of("80/tcp"),
            Set.of("80/tcp"), List.of("bridge", "backend"), List.of(new MountPoint("volume", "data", "/var/lib/data",
                    "/data", "local", "", true, "", "", "")));
    private final Container job = TestContainers.of("2222", "batch-job", T0.plusSeconds(20), "busybox", "sha256:busy",
            ContainerState.created().running(12, 13, T0).exited(3, T0.plusSeconds(25), false), Map.of("tier", "back"),
            Set.of(), Set.of(), List.of("bridge"), List.of());
    private final Container fresh = TestContainers.of("3333", "fresh", T0.plusSeconds(10), "busybox", "sha256:busy",
            ContainerState.created().withHealth(Health.starting()), Map.of(), Set.of("53/udp"), Set.of(), List.of("none"),
            List.of());
    private final List<Container> all = List.of(web, job, fresh);
    private final ContainerFilter filter = new ContainerFilter(new Facts());

    private List<String> names(Map<String, Set<String>> f, boolean everything, int limit) {
        return filter.apply(ContainerQuery.of(f, everything, limit), all).stream().map(Container::name).toList();
    }

    @Test
    void runningOnlyUnlessAllALimitOrAStateFilter() {
        assertEquals(List.of("web"), names(Map.of(), false, -1));
        assertEquals(List.of("web", "batch-job", "fresh"), names(Map.of(), true, -1));
        assertEquals(List.of("web", "batch-job"), names(Map.of(), false, 2));
        assertEquals(List.of("batch-job"), names(Map.of("status", Set.of("exited")), false, -1));
        assertEquals(List.of("batch-job"), names(Map.of("exited", Set.of("3")), false, -1));
        assertEquals(List.of(), names(Map.of("exited", Set.of("0")), false, -1));
    }

    @Test
    void idNameLabelAncestorHealthVolume() {
        assertEquals(List.of("batch-job"), names(Map.of("id", Set.of("22")), true, -1));
        assertEquals(List.of("batch-job"), names(Map.of("name", Set.of("/batch")), true, -1));
        assertEquals(List.of("web"), names(Map.of("label", Set.of("tier=front", "env")), true, -1));
        assertEquals(List.of(), names(Map.of("label", Set.of("tier=front", "missing")), true, -1));
        assertEquals(List.of("web", "batch-job"), names(Map.of("label", Set.of("tier")), true, -1));
        assertEquals(List.of("batch-job", "fresh"), names(Map.of("ancestor", Set.of("busybox")), true, -1));
        assertEquals(List.of("web"), names(Map.of("ancestor", Set.of("nginx-by-id")), true, -1));
        assertEquals(List.of("fresh"), names(Map.of("health", Set.of("starting")), true, -1));
        assertEquals(List.of("web", "batch-job"), names(Map.of("health", Set.of("none")), true, -1));
        assertEquals(List.of("web"), names(Map.of("volume", Set.of("data")), true, -1));
        assertEquals(List.of("web"), names(Map.of("volume", Set.of("/data")), true, -1));
    }

    @Test
    void networksPortsAndTasks() {
        assertEquals(List.of("web"), names(Map.of("network", Set.of("backend")), true, -1));
        assertEquals(List.of("web", "batch-job"), names(Map.of("network", Set.of("bid")), true, -1));
        assertEquals(List.of("web"), names(Map.of("publish", Set.of("80")), true, -1));
        assertEquals(List.of("batch-job"), names(Map.of("publish", Set.of("8000-8100/tcp")), true, -1));
        assertEquals(List.of("fresh"), names(Map.of("expose", Set.of("50-60/udp")), true, -1));
        assertEquals(List.of(), names(Map.of("expose", Set.of("53")), true, -1));
        assertEquals(List.of(), names(Map.of("is-task", Set.of("true")), true, -1));
        assertEquals(3, names(Map.of("is-task", Set.of("0")), true, -1).size());
    }

    @Test
    void beforeAndSinceAreByCreationAndImplyAll() {
        assertEquals(List.of("batch-job", "fresh"), names(Map.of("before", Set.of("web")), false, -1));
        assertEquals(List.of("web", "batch-job"), names(Map.of("since", Set.of("fresh")), false, -1));
        assertThrows(EngineException.class, () -> names(Map.of("since", Set.of("nope")), false, -1));
    }

    @Test
    void badValuesAreRefusedBeforeListing() {
        for (var bad : List.of(Map.of("status", Set.of("sleeping")), Map.of("health", Set.of("ok")),
                Map.of("exited", Set.of("x")), Map.of("publish", Set.of("1:80")), Map.of("expose", Set.of("90-80")),
                Map.of("is-task", Set.of("maybe")), Map.of("is-task", Set.of("true", "false")))) {
            assertThrows(EngineException.class, () -> ContainerQuery.of(bad, true, -1), bad.toString());
        }
        assertEquals(Set.of("80/udp", "81/udp"), ContainerQuery.of(Map.of("publish", Set.of("80-81/UDP")), false, 0).published());
    }

    /** The stores' answers: images by name, networks by name, and one host binding made by {@code -P}. */
    private final class Facts implements ContainerFilter.Facts {
        private final Map<String, String> images = new HashMap<>(Map.of("busybox", "sha256:busy", "nginx-by-id", "sha256:nginx"));

        @Override
        public Container resolve(String ref) {
            return all.stream().filter(c -> c.name().equals(ref)).findFirst()
                    .orElseThrow(() -> EngineException.notFound("No such container: " + ref));
        }

        @Override
        public Optional<String> imageId(String ref) {
            return Optional.ofNullable(images.get(ref));
        }

        @Override
        public Optional<String> networkId(String name) {
            return Optional.of(name.equals("bridge") ? "bid0123" : name + "-id");
        }

        @Override
        public Set<String> boundPorts(String containerId) {
            return containerId.startsWith("2222") ? Set.of("8080/tcp") : Set.of();
        }
    }
}
