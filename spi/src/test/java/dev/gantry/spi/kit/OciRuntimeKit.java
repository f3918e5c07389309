package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.runtime.OciRuntime;
import dev.gantry.spi.runtime.RuntimeStatus;
import dev.gantry.spi.runtime.StdioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime checks: every OCI runtime plugin runs a real container (a busybox-static root filesystem) through
 * create, start, exec, pause, resume, kill and delete. Only plugins available on this host can pass; a plugin
 * test that cannot run here must say so in its probe, and the kit's probe check covers it.
 */
public abstract class OciRuntimeKit extends PluginKit<OciRuntime> {
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @TempDir
    protected Path work;
    protected OciRuntime runtime;
    protected String id;
    private Path bundle;

    @Override
    protected Class<OciRuntime> serviceType() {
        return OciRuntime.class;
    }

    @Override
    protected PluginKind kind() {
        return PluginKind.RUNTIME;
    }

    @BeforeEach
    void initRuntime() throws IOException {
        runtime = newPlugin();
        assertTrue(runtime.probe().available(), "kit runs only where the plugin is available: " + runtime.probe());
        runtime.init(new PluginContext(Files.createDirectories(work.resolve("state")),
                Files.createDirectories(work.resolve("run")), Map.of()));
        id = "gantry-kit-" + UUID.randomUUID().toString().substring(0, 8);
        bundle = busyboxBundle(work.resolve("bundle"), "sleep", "300");
    }

    @AfterEach
    void deleteContainer() {
        runtime.delete(id, true);
        runtime.close();
    }

    /** A bundle whose root holds busybox-static and the applets the kit uses. */
    protected static Path busyboxBundle(Path bundle, String... args) throws IOException {
        Path rootfs = Files.createDirectories(bundle.resolve("rootfs"));
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String applet : List.of("sh", "sleep", "true", "false", "cat")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        for (String d : List.of("proc", "dev", "sys", "tmp")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        StringBuilder argv = new StringBuilder();
        for (String a : args) {
            argv.append(argv.isEmpty() ? "" : ",").append('"').append(a).append('"');
        }
        Files.writeString(bundle.resolve("config.json"), CONFIG.replace("ARGS", argv));
        return bundle;
    }

    private static final String CONFIG = """
            {"ociVersion":"1.0.2",
             "process":{"terminal":false,"user":{"uid":0,"gid":0},"args":[ARGS],
               "env":["PATH=/bin"],"cwd":"/",
               "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]},
               "noNewPrivileges":true},
             "root":{"path":"rootfs","readonly":false},
             "hostname":"kit",
             "mounts":[{"destination":"/proc","type":"proc","source":"proc"},
               {"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]}],
             "linux":{"namespaces":[{"type":"pid"},{"type":"ipc"},{"type":"uts"},{"type":"mount"},{"type":"network"}],
               "maskedPaths":["/proc/kcore"],"readonlyPaths":["/proc/sys"]}}
            """;

    private void createAndStart() {
        runtime.create(id, bundle, StdioFiles.discard());
        runtime.start(id);
    }

    @Test
    void createThenStartRunsTheProcess() {
        runtime.create(id, bundle, StdioFiles.discard());
        var created = runtime.state(id).orElseThrow();
        assertEquals(RuntimeStatus.CREATED, created.status());
        assertTrue(created.pid() > 0);
        runtime.start(id);
        assertEquals(RuntimeStatus.RUNNING, runtime.state(id).orElseThrow().status());
        assertFalse(runtime.pids(id).isEmpty());
        assertTrue(runtime.list().stream().anyMatch(s -> s.id().equals(id)));
    }

    @Test
    void execReportsExitCodes() throws IOException {
        createAndStart();
        Path ok = work.resolve("ok.json");
        Files.writeString(ok, "{\"args\":[\"true\"],\"cwd\":\"/\",\"env\":[\"PATH=/bin\"],\"user\":{\"uid\":0,\"gid\":0}}");
        Path fail = work.resolve("fail.json");
        Files.writeString(fail, "{\"args\":[\"sh\",\"-c\",\"exit 7\"],\"cwd\":\"/\",\"env\":[\"PATH=/bin\"],\"user\":{\"uid\":0,\"gid\":0}}");
        assertEquals(0, runtime.exec(id, ok, StdioFiles.discard()));
        assertEquals(7, runtime.exec(id, fail, StdioFiles.discard()));
    }

    @Test
    void pauseAndResume() {
        createAndStart();
        runtime.pause(id);
        assertEquals(RuntimeStatus.PAUSED, runtime.state(id).orElseThrow().status());
        runtime.resume(id);
        assertEquals(RuntimeStatus.RUNNING, runtime.state(id).orElseThrow().status());
    }

    @Test
    void killStopsAndDeleteForgets() throws InterruptedException {
        createAndStart();
        runtime.kill(id, 9, false);
        for (int i = 0; i < 100 && runtime.state(id).orElseThrow().status() != RuntimeStatus.STOPPED; i++) {
            Thread.sleep(20);
        }
        assertEquals(RuntimeStatus.STOPPED, runtime.state(id).orElseThrow().status());
        runtime.delete(id, false);
        assertEquals(Optional.empty(), runtime.state(id));
        runtime.delete(id, false);
    }

    @Test
    void missingContainerIsNotFound() {
        var e = assertThrows(PluginException.class, () -> runtime.start("gantry-kit-missing"));
        assertEquals(PluginException.Reason.NOT_FOUND, e.reason());
        assertTrue(runtime.state("gantry-kit-missing").isEmpty());
    }

    @Test
    void badBundleFailsAndLeavesNothing() throws IOException {
        Path bad = Files.createDirectories(work.resolve("bad"));
        Files.writeString(bad.resolve("config.json"), "{\"ociVersion\":\"1.0.2\",\"root\":{\"path\":\"nope\"},\"process\":{\"args\":[\"x\"],\"cwd\":\"/\"}}");
        assertThrows(PluginException.class, () -> runtime.create(id, bad, StdioFiles.discard()));
        assertTrue(runtime.state(id).isEmpty());
    }
}
