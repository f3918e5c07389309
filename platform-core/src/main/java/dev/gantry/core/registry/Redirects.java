package dev.gantry.core.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;

/**
 * Follows a registry's redirects (blobs often live on a CDN or object store), keeping its credentials at home: a
 * redirect to another scheme, host or port gets the request without {@code Authorization}, as Docker's registry
 * client drops it. Only GET and HEAD are followed, never from HTTPS down to HTTP; the client itself follows none.
 */
final class Redirects {
    static final int MAX = 10;

    private Redirects() {
    }

    static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpRequest sent = current;
            HttpResponse<T> r = http.send(sent, info -> redirect(info.statusCode(), sent)
                    ? HttpResponse.BodySubscribers.<T>replacing(null) : handler.apply(info));
            if (!redirect(r.statusCode(), current)) {
                return r;
            }
            var location = r.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw new RegistryException(500, "the registry redirected " + current.uri() + " without a Location");
            }
            if (hop == MAX) {
                throw new RegistryException(500, "the registry redirected " + request.uri() + " more than " + MAX + " times");
            }
            current = next(request, current, current.uri().resolve(location.get()));
        }
    }

    private static boolean redirect(int status, HttpRequest request) {
        String method = request.method();
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                && (method.equals("GET") || method.equals("HEAD"));
    }

    /** The request to {@code to}: the original's headers, without its credentials when {@code to} is elsewhere. */
    static HttpRequest next(HttpRequest original, HttpRequest current, URI to) {
        if (!to.getScheme().equalsIgnoreCase("http") && !to.getScheme().equalsIgnoreCase("https")) {
            throw new RegistryException(500, "the registry redirected to " + to.getScheme() + ", which is not HTTP");
        }
        if (current.uri().getScheme().equalsIgnoreCase("https") && to.getScheme().equalsIgnoreCase("http")) {
            throw new RegistryException(500, "the registry redirected from HTTPS to plain HTTP: " + to);
        }
        boolean home = sameOrigin(original.uri(), to);
        return HttpRequest.newBuilder(current, (name, value) -> home || !name.equalsIgnoreCase("Authorization"))
                .uri(to).build();
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
