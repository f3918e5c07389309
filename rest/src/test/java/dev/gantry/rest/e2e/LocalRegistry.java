package dev.gantry.rest.e2e;

import dev.gantry.rest.TempRoots;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's docker-registry on 127.0.0.1 with its own config and temporary storage. */
final class LocalRegistry implements AutoCloseable {
    final int port;
    private final Path root;
    private final Process process;

    private LocalRegistry(int port, Path root, Process process) {
        this.port = port;
        this.root = root;
        this.process = process;
    }

    static LocalRegistry start() throws IOException, InterruptedException {
        return start("");
    }

    /** With an htpasswd file's content, the registry wants basic auth. */
    static LocalRegistry start(String htpasswd) throws IOException, InterruptedException {
        return start(htpasswd, null);
    }

    /** With {@code tls} (a test PKI), the registry serves HTTPS with the PKI's server certificate. */
    static LocalRegistry start(String htpasswd, TestPki tls) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path root = Files.createTempDirectory("gantry-registry-");
        String auth = "";
        if (!htpasswd.isEmpty()) {
            Files.writeString(root.resolve("htpasswd"), htpasswd);
            auth = "auth:\n  htpasswd:\n    realm: basic-realm\n    path: " + root.resolve("htpasswd") + "\n";
        }
        Files.writeString(root.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(root.resolve("data"), port)
                + (tls == null ? "" : "  tls:\n    certificate: " + tls.file("server.crt") + "\n    key: " + tls.file("server.key") + "\n")
                + auth);
        Process p = new ProcessBuilder("docker-registry", "serve", root.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("registry.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new LocalRegistry(port, root, p);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(root.resolve("registry.log")));
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        TempRoots.deleteTree(root);
    }
}
