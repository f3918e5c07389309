package dev.gantry.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Registry credentials: from a request's {@code X-Registry-Auth} header (base64url JSON, as Docker clients send
 * it), or from a Docker-style credentials file ({@code {"auths": {"host": {"auth": base64(user:pass)}}}}).
 */
public record Credentials(String username, String password, String identityToken) {
    private static final ObjectMapper JSON = new ObjectMapper();
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
            byte[] json = Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_'));
            JsonNode n = JSON.readTree(json);
            return new Credentials(n.path("username").asText(""), n.path("password").asText(""),
                    n.path("identitytoken").asText(n.path("registrytoken").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid X-Registry-Auth header: " + e.getMessage());
        }
    }

    /** Looks a registry up in a credentials file; empty when the file or the entry is missing. */
    public static Optional<Credentials> fromFile(Path file, String registry) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode auth = JSON.readTree(file.toFile()).path("auths").path(registry).path("auth");
            if (auth.isMissingNode()) {
                return Optional.empty();
            }
            String pair = new String(Base64.getDecoder().decode(auth.asText()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new Credentials(pair.substring(0, colon), pair.substring(colon + 1), ""));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
