package dev.gantry.plugin.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.spi.host.Executables;
import dev.gantry.spi.json.Json;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.runtime.OciRuntime;
import dev.gantry.spi.runtime.RuntimeState;
import dev.gantry.spi.runtime.RuntimeStatus;
import dev.gantry.spi.runtime.StdioFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OCI runtime driven through the command line that runc and crun share. The runtime's state directory
 * ({@code --root}) is the plugin's run directory; errors are read back from the runtime's JSON log.
 */
abstract class CliRuntime implements OciRuntime {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Set<String> CAPABILITIES = Set.of("pause", "update", "exec", "checkpoint-less");

    private final PluginDescriptor descriptor;
    private final String executable;
    private Path root;
    private Path logs;
    /** The executable, found once at init: every runtime call starts from it. */
    private Path executablePath;

    CliRuntime(String name, String executable) {
        this.descriptor = new PluginDescriptor(PluginKind.RUNTIME, name, "0.1.0", CAPABILITIES);
        this.executable = executable;
    }

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /** The runtime's executable on the PATH, if any. */
    Optional<Path> binary() {
        return Executables.find(executable);
    }

    /** The first line of {@code --version}, or empty when the binary is missing or broken. */
    Optional<String> version() {
        Optional<Path> bin = binary();
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        Result r = exec(List.of(bin.get().toString(), "--version"), StdioFiles.discard(), true);
        return r.code == 0 ? r.output.lines().findFirst() : Optional.empty();
    }

    @Override
    public Availability probe() {
        return version().map(Availability::available)
                .orElseGet(() -> Availability.unavailable(executable + " is not installed (apt-get install " + executable + ")"));
    }

    @Override
    public void init(PluginContext context) throws IOException {
        executablePath = binary().orElseThrow(() -> new IOException(executable + " is not installed"));
        root = Files.createDirectories(context.runDir().resolve("root"));
        logs = Files.createDirectories(context.runDir().resolve("logs"));
    }

    @Override
    public List<String> command() {
        return List.of(executablePath.toString(), "--root", root.toString());
    }

    @Override
    public void create(String id, Path bundle, StdioFiles stdio) {
        run(id, stdio, "create", "--bundle", bundle.toString(), "--pid-file", bundle.resolve("init.pid").toString(), id);
    }

    @Override
    public void start(String id) {
        run(id, "start", id);
    }

    @Override
    public void kill(String id, int signal, boolean all) {
        if (all) {
            run(id, "kill", "--all", id, Integer.toString(signal));
        } else {
            run(id, "kill", id, Integer.toString(signal));
        }
    }

    @Override
    public void delete(String id, boolean force) {
        // runc and crun keep a directory per container under --root: no directory, nothing to delete, and no
        // process spent asking
        if (!Files.isDirectory(root.resolve(id))) {
            return;
        }
        if (force) {
            run(id, "delete", "--force", id);
        } else {
            run(id, "delete", id);
        }
    }

    @Override
    public Optional<RuntimeState> state(String id) {
        Result r = runtime(id, StdioFiles.discard(), List.of("state", id));
        if (r.code != 0) {
            return Optional.empty();
        }
        return Optional.of(toState(parse(r.output)));
    }

    @Override
    public List<RuntimeState> list() {
        String out = run(null, "list", "--format", "json");
        List<RuntimeState> states = new ArrayList<>();
        JsonNode array = parse(out.isBlank() ? "[]" : out);
        array.forEach(n -> states.add(toState(n)));
        return states;
    }

    @Override
    public void pause(String id) {
        run(id, "pause", id);
    }

    @Override
    public void resume(String id) {
        run(id, "resume", id);
    }

    @Override
    public int exec(String id, Path processJson, StdioFiles stdio) {
        requireKnown(id);
        Result r = runtime(id, stdio, List.of("exec", "--process", processJson.toString(), id));
        Optional<String> error = lastError(id);
        // runc reports the process's exit code as its own; a failure of runc itself shows in its log
        if (r.code != 0 && error.isPresent()) {
            throw failure(id, error.get());
        }
        return r.code;
    }

    @Override
    public void update(String id, Path resourcesJson) {
        run(id, "update", "--resources", resourcesJson.toString(), id);
    }

    @Override
    public List<Long> pids(String id) {
        String out = run(id, "ps", "--format", "json", id);
        List<Long> pids = new ArrayList<>();
        JsonNode array = parse(out.isBlank() || out.strip().equals("null") ? "[]" : out);
        array.forEach(n -> pids.add(n.asLong()));
        return pids;
    }

    private static RuntimeState toState(JsonNode n) {
        return new RuntimeState(n.path("id").asText(), RuntimeStatus.parse(n.path("status").asText()),
                n.path("pid").asLong(), Path.of(n.path("bundle").asText("/")));
    }

    private void requireKnown(String id) {
        if (state(id).isEmpty()) {
            throw PluginException.notFound("container " + id + " does not exist in " + descriptor.name());
        }
    }

    private String run(String id, String... args) {
        return run(id, StdioFiles.discard(), args);
    }

    private String run(String id, StdioFiles stdio, String... args) {
        Result r = runtime(id, stdio, List.of(args));
        if (r.code != 0) {
            throw failure(id, lastError(id).orElse(r.output.isBlank() ? descriptor.name() + " " + args[0] + " failed" : r.output.strip()));
        }
        return r.output;
    }

    private PluginException failure(String id, String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        PluginException.Reason reason;
        if (m.contains("does not exist") || m.contains("not found") || m.contains("no such file")) {
            reason = id != null && m.contains(id.toLowerCase(java.util.Locale.ROOT)) || m.contains("container")
                    ? PluginException.Reason.NOT_FOUND : PluginException.Reason.FAILED;
        } else if (m.contains("not running") || m.contains("not paused") || m.contains("already") || m.contains("cannot")) {
            reason = PluginException.Reason.CONFLICT;
        } else {
            reason = PluginException.Reason.FAILED;
        }
        return new PluginException(reason, descriptor.name() + ": " + message);
    }

    private Result runtime(String id, StdioFiles stdio, List<String> args) {
        List<String> cmd = new ArrayList<>(command());
        Path log = logFile(id);
        cmd.addAll(List.of("--log", log.toString(), "--log-format", "json"));
        cmd.addAll(args);
        truncate(log);
        // stdout of a read-only query is ours to parse; a create or exec hands stdio to the container
        boolean query = stdio.stdout().equals(Path.of("/dev/null")) && !args.get(0).equals("create") && !args.get(0).equals("exec");
        return exec(cmd, stdio, query);
    }

    private Path logFile(String id) {
        return logs.resolve((id == null ? "_global" : id) + ".log");
    }

    private static void truncate(Path log) {
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a stale log only adds context to a later error
        }
    }

    /** The last error-level message in the runtime's JSON log for this container. */
    private Optional<String> lastError(String id) {
        Path log = logFile(id);
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        try {
            String msg = null;
            for (String line : Files.readAllLines(log)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                if ("error".equals(n.path("level").asText())) {
                    msg = n.path("msg").asText();
                }
            }
            return Optional.ofNullable(msg);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw PluginException.failed("unreadable runtime output: " + json, e);
        }
    }

    private record Result(int code, String output) {
    }

    private static Result exec(List<String> cmd, StdioFiles stdio, boolean captureStdout) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(stdio.stdin().toFile());
        if (captureStdout) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(stdio.stdout().toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(stdio.stderr().toFile()));
        }
        try {
            Process p = pb.start();
            String out = captureStdout ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw PluginException.failed("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PluginException.failed("interrupted while running " + cmd.get(0), e);
        }
    }
}
