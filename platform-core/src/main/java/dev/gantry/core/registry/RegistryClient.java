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
 * does; Docker Hub's API lives at {@code registry-1.docker.io}.
 */
public final class RegistryClient {
    private final HttpClient http;
    private final Set<String> insecure;
    private final Path credentialsFile;

    public RegistryClient(Set<String> insecure, Path credentialsFile) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
        this.insecure = Set.copyOf(insecure);
        this.credentialsFile = credentialsFile;
    }

    public RegistrySession session(String registry, String repository, Credentials given, boolean push) {
        Credentials creds = given.present() ? given : Credentials.fromFile(credentialsFile, registry).orElse(Credentials.NONE);
        String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        String scheme = plainHttp(registry) ? "http" : "https";
        return new RegistrySession(http, URI.create(scheme + "://" + host + "/"), registry, repository, creds, push);
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
