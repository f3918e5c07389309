package dev.gantry.rest.e2e;

import dev.gantry.rest.TempRoots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server, started as a user starts it ({@code scripts/gantry serve}) on a temporary socket and data
 * root, with helpers to drive it through the docker CLI and curl. Closing it stops the server with SIGTERM and
 * removes the temporary root.
 */
final class GantryProcess implements AutoCloseable {
    static final Path TOP = Path.of(System.getProperty("gantry.top", "..")).toAbsolutePath().normalize();

    final Path root;
    final Path socket;
    private final Process process;

    private GantryProcess(Path root, Process process) {
        this.root = root;
        this.socket = root.resolve("gantry.sock");
        this.process = process;
    }

    static GantryProcess start(String... extraArgs) throws IOException, InterruptedException {
        return startAt(Files.createTempDirectory("gantry-e2e-"), extraArgs);
    }

    /** Starts on an existing root, as a restart after a crash does. */
    static GantryProcess startAt(Path root, String... extraArgs) throws IOException, InterruptedException {
        return startAt(root, Map.of(), extraArgs);
    }

    /** Starts with extra environment, such as {@code GANTRY_JAVA_OPTS}. */
    static GantryProcess startAt(Path root, Map<String, String> env, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve",
                "--socket", root.resolve("gantry.sock").toString(),
                "--data-root", root.resolve("data").toString(),
                "--run-root", root.resolve("run").toString()));
        args.addAll(List.of(extraArgs));
        return launch(root, env, args);
    }

    /**
     * Runs {@code scripts/gantry} with exactly {@code args} (which must serve on {@code root/gantry.sock}) and
     * waits for its ping: for tests of the launcher's own settings, such as {@code --config}.
     */
    static GantryProcess launch(Path root, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TOP.resolve("scripts/gantry").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(root.resolve("server.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        GantryProcess g = new GantryProcess(root, p);
        g.awaitPing(Duration.ofSeconds(180)); // generous: six engines share two loaded cores
        return g;
    }

    private void awaitPing(Duration limit) throws InterruptedException, IOException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gantry exited with " + process.exitValue() + ": " + log());
            }
            if (Files.exists(socket) && curl("/_ping").code == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("gantry did not answer within " + limit + ": " + log());
    }

    String log() throws IOException {
        Path log = root.resolve("server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    long pid() {
        // scripts/gantry execs java, so the launcher's pid is the server's
        return process.pid();
    }

    Process process() {
        return process;
    }

    record Result(int code, String out) {
    }

    Result docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(dockerCli()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("DOCKER_HOST", "unix://" + socket));
    }

    Result curl(String path, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-m", "10", "--unix-socket", socket.toString()));
        cmd.addAll(List.of(extra));
        cmd.add("http://d" + path);
        return run(cmd, Map.of());
    }

    static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // a client config of the test's own: no contexts or credentials of the machine's user leak in
        boolean ownConfig = !env.containsKey("DOCKER_CONFIG");
        pb.environment().put("DOCKER_CONFIG", ownConfig ? Files.createTempDirectory("gantry-e2e-cli-").toString() : env.get("DOCKER_CONFIG"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        if (ownConfig) {
            TempRoots.deleteTree(Path.of(pb.environment().get("DOCKER_CONFIG")));
        }
        return new Result(p.exitValue(), out);
    }

    /** The docker CLI the acceptance names: /usr/local/bin/docker when present, else Debian's. */
    static String dockerCli() {
        Path local = Path.of("/usr/local/bin/docker");
        return Files.isExecutable(local) ? local.toString() : "docker";
    }

    /** SIGKILL: a crash, leaving whatever the server had open behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an init system stops it. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /** A shell command line with the docker CLI pointed at this engine: for pipes into {@code docker run -i}. */
    Result shell(String script) throws IOException, InterruptedException {
        return run(List.of("sh", "-c", script.replace("docker ", dockerCli() + " ")), Map.of("DOCKER_HOST", "unix://" + socket));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            removeContainers();
            terminate();
        }
        Leftovers.clear(root);
        TempRoots.deleteTree(root);
    }

    /** Removes every container (and its anonymous volumes) through the API, as a user's cleanup would. */
    void removeContainers() {
        try {
            Result list = curl("/containers/json?all=1");
            for (String id : list.out().split("\"Id\":\"")) {
                if (id.length() >= 64 && id.substring(0, 64).matches("[0-9a-f]{64}")) {
                    curl("/containers/" + id.substring(0, 64) + "?force=1&v=1", "-X", "DELETE");
                }
            }
        } catch (IOException | InterruptedException e) {
            // Leftovers.clear takes down what is left
        }
    }
}
