package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured, spans also leave the process: a fake collector on loopback receives them.
 * Without one, no export is attempted (Quarkus would otherwise send every batch to localhost:4317).
 */
class OtlpExportIT {

    @Test
    void spansAreExportedWhenAnEndpointIsSet() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body.length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        String opts = "-Dquarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:" + collector.getAddress().getPort()
                + " -Dquarkus.otel.exporter.otlp.protocol=http/protobuf -Dquarkus.otel.bsp.schedule.delay=100ms";
        try (GantryProcess g = GantryProcess.startAt(Files.createTempDirectory("gantry-e2e-"),
                Map.of("GANTRY_JAVA_OPTS", opts))) {
            assertEquals(0, g.docker("version").code());
            String first = received.poll(20, TimeUnit.SECONDS);
            assertTrue(first != null && first.startsWith("POST /v1/traces "), "collector got " + first);
            assertTrue(Integer.parseInt(first.split(" ")[2]) > 0);
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void nothingIsExportedWithoutAnEndpoint() throws Exception {
        try (GantryProcess g = GantryProcess.startAt(Files.createTempDirectory("gantry-e2e-"),
                Map.of("GANTRY_JAVA_OPTS", "-Dquarkus.otel.bsp.schedule.delay=100ms"))) {
            assertEquals(0, g.docker("version").code());
            assertEquals(0, g.docker("info").code());
            Thread.sleep(3000); // many batch periods: a configured exporter would have tried (and logged) by now
            String log = g.log();
            assertTrue(!log.contains("Failed to export") && !log.contains("4317"), "server log: " + log);
        }
    }
}
