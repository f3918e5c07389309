package dev.gantry.core.registry;

import dev.gantry.core.EngineException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials: from a request's {@code X-Registry-Auth} header (base64url JSON, as Docker clients send
 * it), or from a Docker-style credentials file ({@code {"auths": {"host": {"auth": base64(user:pass)}}}}).
 */
public record Credentials(String username, String password, String identityToken) {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    public static final Credentials NONE = new Credentials("", "", "");

    public boolean present() {
        return !username.isEmpty() || !identityToken.isEmpty();
    }

    /** Decodes {@code X-Registry-Auth}; an absent or empty header means no credentials. */
    public static Credentials fromHeader(String header) {
        if (header == null || header.isBlank() || header.equals("e30=") || header.equals("e30")) {
            return NONE;
        }
        try {
            JsonNode n = decode(header);
            return new Credentials(n.path("username").asText(""), n.path("password").asText(""),
                    n.path("identitytoken").asText(n.path("registrytoken").asText("")));
        } catch (IOException | IllegalArgumentException | EngineException e) {
            throw EngineException.invalid("invalid X-Registry-Auth header: " + e.getMessage());
        }
    }

    /**
     * Decodes {@code X-Registry-Config}, what the docker CLI sends with a build: every registry it has a login
     * for, keyed by server address ({@code https://index.docker.io/v1/} is Docker Hub); keyed here by registry.
     */
    public static Map<String, Credentials> fromConfigHeader(String header) {
        Map<String, Credentials> out = new HashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        try {
            decode(header).properties().forEach(e -> {
                JsonNode n = e.getValue();
                Credentials given = new Credentials(n.path("username").asText(""), n.path("password").asText(""),
                        n.path("identitytoken").asText(""));
                out.put(registry(e.getKey()), given.username().isEmpty()
                        ? basic(n.path("auth").asText("")).map(b -> new Credentials(b.username(), b.password(), given.identityToken())).orElse(given)
                        : given);
            });
            return out;
        } catch (IOException | IllegalArgumentException | EngineException e) {
            throw EngineException.invalid("invalid X-Registry-Config header: " + e.getMessage());
        }
    }

    /** A server address as the CLI writes it (maybe a URL) as a registry name. */
    private static String registry(String address) {
        String host = address.replaceFirst("^[a-z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }

    /** Looks a registry up in a credentials file; empty when the file or the entry is missing. */
    public static Optional<Credentials> fromFile(Path file, String registry) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return basic(JSON.readTree(file.toFile()).path("auths").path(registry).path("auth").asText(""));
        } catch (IOException | IllegalArgumentException | EngineException e) {
            return Optional.empty();
        }
    }

    /** Base64url JSON, as Docker clients encode their auth headers (some send standard base64). */
    private static JsonNode decode(String header) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_')));
    }

    /** An {@code auth} field: base64 of {@code user:password}; empty when absent or without a colon. */
    private static Optional<Credentials> basic(String auth) {
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new Credentials(pair.substring(0, colon), pair.substring(colon + 1), ""));
    }
}
