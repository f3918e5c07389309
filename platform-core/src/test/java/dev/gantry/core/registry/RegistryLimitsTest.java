package dev.gantry.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry's redirects keep its credentials at home, and what is read into memory from it is capped. */
class RegistryLimitsTest {
    private HttpServer home;
    private HttpServer elsewhere;
    private final List<String> seenElsewhere = new CopyOnWriteArrayList<>();
    private final List<String> seenHome = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", x -> {
            seenElsewhere.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            send(x, 200, "blob".getBytes(StandardCharsets.UTF_8));
        });
        elsewhere.start();
        home = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        home.createContext("/", x -> {
            String path = x.getRequestURI().getPath();
            seenHome.add(path + " " + x.getRequestHeaders().getFirst("Authorization"));
            switch (path) {
                case "/away" -> redirect(x, "http://localhost:" + elsewhere.getAddress().getPort() + "/blob");
                case "/around" -> redirect(x, "/target");
                case "/loop" -> redirect(x, "/loop");
                case "/huge" -> send(x, 200, new byte[(Capped.MANIFEST) + 1]);
                default -> send(x, 200, "home".getBytes(StandardCharsets.UTF_8));
            }
        });
        home.start();
    }

    @AfterEach
    void stop() {
        home.stop(0);
        elsewhere.stop(0);
    }

    private static void redirect(HttpExchange x, String to) throws IOException {
        x.getResponseHeaders().add("Location", to);
        send(x, 307, new byte[0]);
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + home.getAddress().getPort() + path))
                .header("Authorization", "Basic c2VjcmV0").GET().build();
    }

    @Test
    void aRedirectToAnotherHostCarriesNoCredentials() throws Exception {
        var r = Redirects.send(http, get("/away"), Capped.bytes(Capped.MANIFEST));
        assertEquals(200, r.statusCode());
        assertEquals("blob", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("null"), seenElsewhere);
    }

    @Test
    void aRedirectOnTheSameHostKeepsThem() throws Exception {
        var r = Redirects.send(http, get("/around"), Capped.bytes(Capped.MANIFEST));
        assertEquals("home", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("/around Basic c2VjcmV0", "/target Basic c2VjcmV0"), seenHome);
    }

    @Test
    void redirectsEndAfterTen() {
        var e = assertThrows(RegistryException.class, () -> Redirects.send(http, get("/loop"), Capped.bytes(Capped.MANIFEST)));
        assertTrue(e.getMessage().contains("more than 10 times"), e.getMessage());
    }

    @Test
    void aBodyBeyondItsCapIsRefused() {
        Throwable e = assertThrows(Exception.class, () -> Redirects.send(http, get("/huge"), Capped.bytes(Capped.MANIFEST)));
        while (!(e instanceof RegistryException) && e.getCause() != null) {
            e = e.getCause();
        }
        assertTrue(e instanceof RegistryException && e.getMessage().contains("limit of " + Capped.MANIFEST), String.valueOf(e));
    }

    @Test
    void anErrorBodyIsReadOnlyToItsCap() throws IOException {
        byte[] head = Capped.head(new java.io.ByteArrayInputStream(new byte[Capped.ERROR * 4]), Capped.ERROR);
        assertEquals(Capped.ERROR, head.length);
    }
}
