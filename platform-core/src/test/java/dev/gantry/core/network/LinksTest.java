package dev.gantry.core.network;

import static org.junit.jupiter.api.Assertions.assertNull;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.store.HostConfigDocument;
import dev.gantry.core.container.store.ContainerConfigDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Legacy links as Docker documents them: the forms of HostConfig.Links, the variables, the inspect form, rm --link. */
class LinksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Container container(String name, String config, String hostConfig) throws Exception {
        return new Container("ab".repeat(32), name, Instant.now(), "", ContainerConfigDocument.read(JSON.readTree(config)),
                HostConfigDocument.read(JSON.readTree(hostConfig)), "", "", List.of(), ContainerState.created(), 0, false, 0, null);
    }

    @Test
    void linkFormsAsClientsSendThem() throws Exception {
        var hc = JSON.readTree("{\"Links\":[\"db:data\",\"/cache\",\"/db:/web/alias2\"]}");
        assertEquals(List.of(new Links.Link("db", "data"), new Links.Link("cache", "cache"), new Links.Link("db", "alias2")),
                Links.of(HostConfigDocument.read(hc)));
    }

    @Test
    void variablesAsDocumented() throws Exception {
        Container db = container("db", "{\"ExposedPorts\":{\"5432/tcp\":{},\"53/udp\":{}},"
                + "\"Env\":[\"PATH=/bin\",\"HOME=/root\",\"SECRET=a=b\"]}", "{}");
        List<String> vars = Links.variables(new Links.Link("db", "my-db"), db, "172.17.0.2", "/web/my-db");
        assertEquals(List.of("MY_DB_PORT=udp://172.17.0.2:53",
                "MY_DB_PORT_53_UDP=udp://172.17.0.2:53", "MY_DB_PORT_53_UDP_ADDR=172.17.0.2", "MY_DB_PORT_53_UDP_PORT=53",
                "MY_DB_PORT_53_UDP_PROTO=udp",
                "MY_DB_PORT_5432_TCP=tcp://172.17.0.2:5432", "MY_DB_PORT_5432_TCP_ADDR=172.17.0.2",
                "MY_DB_PORT_5432_TCP_PORT=5432", "MY_DB_PORT_5432_TCP_PROTO=tcp",
                "MY_DB_NAME=/web/my-db", "MY_DB_ENV_SECRET=a=b"), vars);
    }

    @Test
    void inspectFormAndRemoval() throws Exception {
        Container web = container("web", "{}", "{\"Links\":[\"db:data\",\"cache\"]}");
        assertEquals(List.of("/db:/web/data", "/cache:/web/cache"), Links.view(web));
        HostConfig without = Links.without(web.hostConfig(), "data").orElseThrow();
        assertEquals(List.of(new Links.Link("cache", "cache")), Links.of(without));
        assertTrue(Links.without(web.hostConfig(), "nope").isEmpty());
        assertNull(Links.view(container("solo", "{}", "{}")));
    }
}
