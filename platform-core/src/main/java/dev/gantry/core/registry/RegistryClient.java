package dev.gantry.core.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Opens sessions with registries. HTTPS unless the registry is on loopback or listed as insecure, as Docker
 * does; Docker Hub's API lives at {@code registry-1.docker.io}. A registry with CA certificates in
 * {@code <certs>/<host:port>/*.crt} (Docker's {@code certs.d} layout) is always spoken to over HTTPS, trusting
 * those CAs besides the JDK's.
 */
public final class RegistryClient {
    /** Built at the first session: an HttpClient loads TLS and the JDK's CA store and starts a selector thread. */
    private volatile HttpClient http;
    private final Set<String> insecure;
    private final Path credentialsFile;
    private final Path certs;
    private final java.util.Map<String, HttpClient> withCas = new java.util.concurrent.ConcurrentHashMap<>();

    public RegistryClient(Set<String> insecure, Path credentialsFile) {
        this(insecure, credentialsFile, credentialsFile.resolveSibling("certs.d"));
    }

    public RegistryClient(Set<String> insecure, Path credentialsFile, Path certs) {
        this.insecure = Set.copyOf(insecure);
        this.credentialsFile = credentialsFile;
        this.certs = certs;
    }

    /** Redirects are followed by {@link Redirects}, which keeps credentials on the registry's own host. */
    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
    }

    public RegistrySession session(String registry, String repository, Credentials given, boolean push) {
        Credentials creds = given.present() ? given : Credentials.fromFile(credentialsFile, registry).orElse(Credentials.NONE);
        String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        java.util.List<Path> cas = caFiles(registry);
        String scheme = cas.isEmpty() && plainHttp(registry) ? "http" : "https";
        HttpClient client = cas.isEmpty() ? plainClient() : withCas.computeIfAbsent(registry, r -> clientTrusting(cas));
        return new RegistrySession(client, URI.create(scheme + "://" + host + "/"), registry, repository, creds, push);
    }

    private HttpClient plainClient() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    c = builder().build();
                    http = c;
                }
            }
        }
        return c;
    }

    private java.util.List<Path> caFiles(String registry) {
        Path dir = certs.resolve(registry);
        if (!java.nio.file.Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".crt")).sorted().toList();
        } catch (java.io.IOException e) {
            return java.util.List.of();
        }
    }

    /** A client trusting the JDK's CAs and the given ones. */
    private static HttpClient clientTrusting(java.util.List<Path> cas) {
        try {
            var factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init((java.security.KeyStore) null);
            java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (var tm : factory.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    for (var c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, c);
                    }
                }
            }
            var cf = java.security.cert.CertificateFactory.getInstance("X.509");
            for (Path ca : cas) {
                try (var in = java.nio.file.Files.newInputStream(ca)) {
                    for (var c : cf.generateCertificates(in)) {
                        store.setCertificateEntry("registry-" + n++, c);
                    }
                }
            }
            var trusting = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trusting.init(store);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, trusting.getTrustManagers(), null);
            return builder().sslContext(ssl).build();
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new RegistryException(500, "cannot use the CA certificates " + cas + ": " + e.getMessage(), e);
        }
    }

    boolean plainHttp(String registry) {
        if (insecure.contains(registry)) {
            return true;
        }
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
                : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress() && host.matches("[0-9.:]+");
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
