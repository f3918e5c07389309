package dev.gantry.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One repository on one registry, spoken to over the Distribution API v2: base URL, credentials and the token
 * the registry's challenge asked for. Requests that fail with 5xx or a reset connection are retried with
 * backoff; a 401 is answered once with the challenge's scheme (Bearer token or Basic).
 */
public final class RegistrySession {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int ATTEMPTS = 4;

    private final HttpClient http;
    private final URI base;
    private final String registry;
    private final String repository;
    private final Credentials credentials;
    private final String scope;
    private volatile Optional<String> authorization = Optional.empty();

    RegistrySession(HttpClient http, URI base, String registry, String repository, Credentials credentials, boolean push) {
        this.http = http;
        this.base = base;
        this.registry = registry;
        this.repository = repository;
        this.credentials = credentials;
        this.scope = repository.isEmpty() ? "" : "repository:" + repository + ":" + (push ? "pull,push" : "pull");
    }

    public String registry() {
        return registry;
    }

    public String repository() {
        return repository;
    }

    /**
     * {@code GET /v2/} with the credentials: what {@code docker login} checks. A refusal is a 401
     * {@link RegistryException} in Docker's words.
     */
    public void ping() throws IOException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base.resolve("/v2/")).GET(), Capped.bytes(Capped.ERROR));
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RegistryException(401, "login attempt to " + base.resolve("/v2/") + " failed with status: "
                    + r.statusCode() + (r.statusCode() == 401 ? " Unauthorized" : " Forbidden"));
        }
        if (r.statusCode() != 200) {
            throw new RegistryException(500, "registry " + registry + " answered " + r.statusCode() + " at /v2/");
        }
    }

    /** {@code /v2/<repository>/<path>} on this registry. */
    public URI uri(String path) {
        return base.resolve("/v2/" + repository + "/" + path);
    }

    /** An absolute or relative upload location from a response, made absolute. */
    public URI location(String location) {
        return base.resolve(location);
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<T> r = sendAuthorized(request, handler);
                if (r.statusCode() >= 500 && attempt < ATTEMPTS) {
                    close(r);
                    backoff(attempt);
                    continue;
                }
                return r;
            } catch (ConnectException e) {
                throw new RegistryException(500, "cannot reach registry " + registry + ": connection refused", e);
            } catch (IOException e) {
                last = e;
                if (attempt < ATTEMPTS) {
                    backoff(attempt);
                }
            }
        }
        throw new RegistryException(500, "registry " + registry + " did not answer: " + last.getMessage(), last);
    }

    /**
     * Sends a request whose body can be read only once (a blob made while it goes up): no retry, and no answer
     * to a challenge, so an earlier request of the session must have been authorized already.
     */
    public <T> java.util.concurrent.CompletableFuture<HttpResponse<T>> sendOnce(HttpRequest.Builder request,
                                                                               HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder b = request.copy().timeout(Duration.ofMinutes(30));
        authorization.ifPresent(a -> b.setHeader("Authorization", a));
        return http.sendAsync(b.build(), handler);
    }

    private static void close(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // retrying anyway
            }
        }
    }

    private static void backoff(int attempt) throws IOException {
        try {
            Thread.sleep(200L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private <T> HttpResponse<T> sendAuthorized(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpResponse<T> r = call(request, handler);
        if (r.statusCode() != 401) {
            return r;
        }
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        close(r);
        authorization = Optional.of(authorize(challenge));
        return call(request, handler);
    }

    private <T> HttpResponse<T> call(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest.Builder b = request.copy().timeout(Duration.ofMinutes(30));
        authorization.ifPresent(a -> b.setHeader("Authorization", a));
        try {
            return Redirects.send(http, b.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String authorize(String challenge) throws IOException {
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            if (!credentials.present()) {
                throw new RegistryException(401, "unauthorized: authentication required for " + registry);
            }
            return basic();
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new RegistryException(401, "unauthorized: " + registry + " asked for an unknown authentication scheme");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new RegistryException(401, "unauthorized: " + registry + " sent a Bearer challenge without a realm");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        if (params.containsKey("service")) {
            url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        String wanted = params.getOrDefault("scope", scope);
        if (!wanted.isEmpty()) {
            url.append("scope=").append(URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder token = HttpRequest.newBuilder(URI.create(url.toString())).GET();
        if (credentials.present()) {
            token.header("Authorization", basic());
        }
        try {
            HttpResponse<byte[]> r = Redirects.send(http, token.build(), Capped.bytes(Capped.TOKEN));
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new RegistryException(401, "unauthorized: incorrect username or password for " + registry);
            }
            if (r.statusCode() != 200) {
                throw new RegistryException(500, "token server of " + registry + " answered " + r.statusCode());
            }
            JsonNode body = JSON.readTree(r.body());
            String t = body.path("token").asText(body.path("access_token").asText(""));
            return "Bearer " + t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String basic() {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The registry's error text (Distribution's {"errors":[{"code","message"}]}), or the status line. */
    public static String errorText(int status, byte[] body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode e = errors.get(0);
                return e.path("code").asText("").toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + e.path("message").asText("");
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through
        }
        return "HTTP " + status;
    }
}
