package dev.gantry.core.container.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gantry.core.container.CreateRequest;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.RestartPolicy;
import dev.gantry.core.state.Documents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's create body, as the CLI and the SDKs send it, read into a typed {@link CreateRequest}. */
class CreateRequestDocumentTest {
    private static CreateRequest read(String name, String body) throws Exception {
        return CreateRequestDocument.read(name, Documents.MAPPER.readTree(body));
    }

    @Test
    void everyPartOfTheBodyIsRead() throws Exception {
        CreateRequest r = read("web", """
                {"Image": "busybox", "Cmd": ["httpd", "-f"], "Entrypoint": [], "Env": ["A=1"], "MacAddress": "02:42:ac:11:00:09",
                 "HostConfig": {"Memory": 67108864, "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3},
                                "NetworkMode": "n1", "Binds": ["/srv:/srv:ro"]},
                 "NetworkingConfig": {"EndpointsConfig": {
                     "n1": {"Aliases": ["web"], "IPAMConfig": {"IPv4Address": "10.9.0.5"}},
                     "n2": null,
                     "default": {"MacAddress": "02:42:ac:11:00:02"}}}}
                """);
        assertEquals("web", r.name());
        assertEquals("busybox", r.config().image());
        assertEquals(List.of("httpd", "-f"), r.config().cmd());
        assertEquals(List.of(), r.config().entrypoint(), "an empty entrypoint is given, and resets the image's");
        assertEquals("02:42:ac:11:00:09", r.config().macAddress());
        assertEquals(67108864, r.hostConfig().resources().memory());
        assertEquals(new RestartPolicy("on-failure", 3), r.hostConfig().restartPolicy());
        assertEquals(List.of("/srv:/srv:ro"), r.hostConfig().binds());
        assertEquals(List.of("n1", "n2", "default"), List.copyOf(r.endpoints().keySet()), "in the request's order");
        assertEquals(List.of("web"), r.endpoints().get("n1").aliases());
        assertEquals("10.9.0.5", r.endpoints().get("n1").ipv4Address());
        assertEquals(EndpointConfig.none(), r.endpoints().get("n2"));
        assertEquals("02:42:ac:11:00:02", r.endpoints().get("default").macAddress());
    }

    @Test
    void whatIsAbsentIsNotAskedFor() throws Exception {
        CreateRequest r = read(null, "{\"Image\": \"busybox\"}");
        assertEquals("", r.name());
        assertNull(r.config().cmd());
        assertNull(r.config().entrypoint(), "no entrypoint given: the image's stays");
        assertEquals(HostConfig.empty(), r.hostConfig());
        assertEquals(0, r.endpoints().size());
        assertEquals(0, read("", "{\"Image\": \"busybox\", \"NetworkingConfig\": {\"EndpointsConfig\": []}}")
                .endpoints().size());
    }
}
