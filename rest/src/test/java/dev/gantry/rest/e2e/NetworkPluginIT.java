package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A third-party network driver works like the built-in one: the example {@code dummy} driver, loaded from a jar in
 * {@code <data-root>/plugins} (the ServiceLoader path), gets a user-defined network and a container on it runs end
 * to end with the address the engine's IPAM gave, through the SPI alone.
 */
class NetworkPluginIT {
    private static GantryProcess gantry;

    @BeforeAll
    static void start() throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(GantryProcess.TOP.resolve("plugins/network-dummy/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("gantry-network-dummy-.*\\.jar")
                    && !p.getFileName().toString().contains("tests")).findFirst().orElseThrow();
        }
        Path root = Files.createTempDirectory("gantry-e2e-");
        Path plugins = Files.createDirectories(root.resolve("data/plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        gantry = GantryProcess.startAt(root);
        var load = gantry.docker("load", "-i", TestImages.busybox().toString());
        assertEquals(0, load.code(), load.out());
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.docker("rm", "-f", "dummy-c1");
        gantry.docker("network", "rm", "dummy-n1");
        gantry.close();
    }

    @Test
    void aContainerRunsOnTheThirdPartyDriversNetwork() throws Exception {
        var plugins = gantry.curl("/gantry/v1/plugins");
        assertTrue(plugins.out().contains("\"dummy\""), plugins.out());
        var created = gantry.docker("network", "create", "-d", "dummy", "--subnet", "10.252.77.0/24", "dummy-n1");
        assertEquals(0, created.code(), created.out());
        assertEquals("dummy", gantry.docker("network", "inspect", "-f", "{{.Driver}}", "dummy-n1").out().strip());
        var run = gantry.docker("run", "--name", "dummy-c1", "--network", "dummy-n1", "busybox", "ip", "-o", "addr", "show", "eth0");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("10.252.77.2/24"), run.out());
        var inspect = gantry.docker("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", "dummy-c1");
        assertEquals("dummy-n1", inspect.out().strip());
        assertEquals(0, gantry.docker("rm", "dummy-c1").code());
        // the endpoint's address is free again once the container has gone
        var again = gantry.docker("run", "--rm", "--network", "dummy-n1", "busybox", "ip", "-o", "addr", "show", "eth0");
        assertTrue(again.out().contains("10.252.77.2/24"), again.out());
        assertEquals(0, gantry.docker("network", "rm", "dummy-n1").code());
    }

    @Test
    void hostAndNoneAreStillDecidedByTheirDrivers() throws Exception {
        var none = gantry.docker("run", "--rm", "--network", "none", "busybox", "ip", "-o", "link");
        assertEquals(0, none.code(), none.out());
        assertTrue(none.out().contains("lo") && !none.out().contains("eth0"), none.out());
        var host = gantry.docker("network", "create", "-d", "host", "second-host");
        assertEquals(1, host.code(), host.out());
    }
}
