package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import dev.gantry.rest.engine.BuildInfo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code scripts/gantry} itself: help, version, flag errors, {@code --log-level}, {@code --config}, completion. */
class LauncherIT {
    private static final Path GANTRY = GantryProcess.TOP.resolve("scripts/gantry");

    record Out(int code, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** Runs the launcher without the caller's GANTRY_* variables, so only {@code env} sets any. */
    private static Out run(Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile("gantry-launcher-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("GANTRY_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
            return new Out(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Out gantry(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(GANTRY.toString()));
        cmd.addAll(List.of(args));
        return run(env, cmd);
    }

    private static Out gantry(String... args) throws IOException, InterruptedException {
        return gantry(Map.of(), args);
    }

    /** The flags of the README's serve table: the launcher's stable interface. */
    private static List<String> readmeFlags() throws IOException {
        List<String> flags = new ArrayList<>();
        Pattern flag = Pattern.compile("--[a-z-]+");
        for (String line : Files.readAllLines(GantryProcess.TOP.resolve("README.md"))) {
            if (line.startsWith("| `--")) {
                Matcher m = flag.matcher(line.substring(0, line.indexOf('|', 1)));
                while (m.find()) {
                    flags.add(m.group());
                }
            }
        }
        assertTrue(flags.size() >= 11, "README's flag table: " + flags);
        return flags;
    }

    @Test
    void helpPrintsUsageAndABareCallIsAnError() throws Exception {
        for (String help : List.of("--help", "-h", "help")) {
            Out o = gantry(help);
            assertEquals(0, o.code(), help + ": " + o);
            assertTrue(o.stdout().startsWith("Usage: scripts/gantry COMMAND"), o.toString());
            assertTrue(o.stdout().contains("serve") && o.stdout().contains("version"), o.toString());
        }
        Out bare = gantry();
        assertEquals(2, bare.code(), bare.toString());
        assertEquals("", bare.stdout());
        assertTrue(bare.stderr().startsWith("Usage: scripts/gantry COMMAND"), bare.toString());
    }

    @Test
    void serveHelpListsEveryFlagWithItsDefault() throws Exception {
        for (String[] args : List.of(new String[] {"serve", "--help"}, new String[] {"help", "serve"})) {
            Out o = gantry(args);
            assertEquals(0, o.code(), o.toString());
            assertTrue(o.stdout().startsWith("Usage: scripts/gantry serve"), o.toString());
            for (String flag : readmeFlags()) {
                assertTrue(o.stdout().contains("  " + flag + " "), flag + " missing from " + o.stdout());
            }
            for (String dflt : List.of("/run/gantry/gantry.sock", "/var/lib/gantry", "0.0.0.0", "INFO")) {
                assertTrue(o.stdout().contains("(default " + dflt + ")"), dflt + " missing from " + o.stdout());
            }
            assertFalse(o.stdout().contains("set -e"), "script lines: " + o.stdout());
        }
    }

    @Test
    void versionNamesGantryAndTheApiVersion() throws Exception {
        for (String v : List.of("version", "--version")) {
            Out o = gantry(v);
            assertEquals(0, o.code(), o.toString());
            List<String> lines = o.stdout().lines().toList();
            assertTrue(lines.get(0).startsWith("Gantry " + BuildInfo.load().version()), o.toString());
            assertEquals("Docker Engine API " + BuildInfo.API_VERSION, lines.get(1), o.toString());
        }
    }

    @Test
    void aFlagWithoutItsValueIsRefusedClearly() throws Exception {
        for (String[] args : List.of(new String[] {"serve", "--socket"},
                new String[] {"serve", "--socket", "--data-root", "/nonexistent"},
                new String[] {"serve", "--data-root="}, new String[] {"tui", "--socket"})) {
            Out o = gantry(args);
            assertEquals(2, o.code(), o.toString());
            assertTrue(o.stderr().matches("gantry: --(socket|data-root) needs a value: --\\S+ (PATH|DIR)\\n"), o.toString());
        }
        Out level = gantry("serve", "--log-level");
        assertTrue(level.stderr().contains("--log-level needs a value: --log-level LEVEL"), level.toString());
    }

    @Test
    void unknownFlagsAndCommandsAreRefused() throws Exception {
        Out flag = gantry("serve", "--sockett", "/x");
        assertEquals(2, flag.code(), flag.toString());
        assertTrue(flag.stderr().contains("unknown flag --sockett for serve"), flag.toString());
        Out tuiFlag = gantry("tui", "--tcp", "127.0.0.1:1");
        assertEquals(2, tuiFlag.code(), tuiFlag.toString());
        assertTrue(tuiFlag.stderr().contains("unknown flag --tcp for tui"), tuiFlag.toString());
        Out stray = gantry("serve", "now");
        assertEquals(2, stray.code(), stray.toString());
        assertTrue(stray.stderr().contains("unexpected argument 'now'"), stray.toString());
        Out cmd = gantry("srve");
        assertEquals(2, cmd.code(), cmd.toString());
        assertTrue(cmd.stderr().contains("unknown command 'srve'"), cmd.toString());
    }

    @Test
    void logLevelTakesTheFiveLevels() throws Exception {
        Out bad = gantry("serve", "--log-level", "LOUD");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.stderr().contains("--log-level takes TRACE, DEBUG, INFO, WARN or ERROR, not LOUD"), bad.toString());
        // a good level passes, so the launcher goes on to the next check (which refuses plain TCP beyond loopback)
        for (String level : List.of("TRACE", "debug", "Info", "WARN", "error")) {
            Out o = gantry("serve", "--log-level=" + level, "--tcp", "0.0.0.0:1");
            assertEquals(2, o.code(), o.toString());
            assertTrue(o.stderr().contains("without mutual TLS"), level + ": " + o);
        }
    }

    @Test
    void aConfigFileHoldsTheFlagsAndFlagsAndEnvironmentWinOverIt() throws Exception {
        Path dir = Files.createTempDirectory("gantry-e2e-");
        try {
            Path conf = dir.resolve("gantry.conf");
            Files.writeString(conf, "# comment\n\n  tcp = 0.0.0.0:1  \n");
            Out fromFile = gantry("serve", "--config", conf.toString());
            assertEquals(2, fromFile.code(), fromFile.toString());
            assertTrue(fromFile.stderr().contains("refusing to listen on 0.0.0.0"), fromFile.toString());

            Files.writeString(conf, "log-level = LOUD\n");
            assertTrue(gantry("serve", "--config", conf.toString()).stderr().contains("not LOUD"));
            Out env = gantry(Map.of("GANTRY_LOG_LEVEL", "QUIET"), "serve", "--config", conf.toString());
            assertTrue(env.stderr().contains("not QUIET"), env.toString());
            Out flag = gantry(Map.of("GANTRY_LOG_LEVEL", "QUIET"), "serve", "--config", conf.toString(), "--log-level", "NOISY");
            assertTrue(flag.stderr().contains("not NOISY"), flag.toString());
            Out viaEnv = gantry(Map.of("GANTRY_CONFIG", conf.toString()), "serve");
            assertTrue(viaEnv.stderr().contains("not LOUD"), viaEnv.toString());

            Files.writeString(conf, "socket = /tmp/x.sock\nsockett = /tmp/y.sock\n");
            Out unknown = gantry("serve", "--config", conf.toString());
            assertEquals(2, unknown.code(), unknown.toString());
            assertTrue(unknown.stderr().contains(conf + ":2: unknown key 'sockett'"), unknown.toString());
            Files.writeString(conf, "--socket /tmp/x.sock\n");
            Out form = gantry("serve", "--config", conf.toString());
            assertEquals(2, form.code(), form.toString());
            assertTrue(form.stderr().contains(conf + ":1: expected 'key = value'"), form.toString());
            Files.writeString(conf, "docker-socket = yes\n");
            assertTrue(gantry("serve", "--config", conf.toString()).stderr().contains("docker-socket takes true or false"));
            Out missing = gantry("serve", "--config", dir.resolve("none.conf").toString());
            assertEquals(2, missing.code(), missing.toString());
            assertTrue(missing.stderr().contains("cannot read " + dir.resolve("none.conf")), missing.toString());
        } finally {
            TempRoots.deleteTree(dir);
        }
    }

    @Test
    void serveTakesItsSocketDataRootAndLogLevelFromAConfigFile() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        Path conf = root.resolve("gantry.conf");
        Files.writeString(conf, "socket = " + root.resolve("gantry.sock") + "\ndata-root = " + root.resolve("data")
                + "\nrun-root=" + root.resolve("run") + "\nlog-level = warn\nhooks-dir = " + root.resolve("js") + "\n");
        try (GantryProcess g = GantryProcess.launch(root, Map.of(), List.of("serve", "--config", conf.toString()))) {
            assertEquals("OK", g.curl("/_ping").out());
            assertTrue(Files.isDirectory(root.resolve("js")), "hooks-dir not used");
            assertFalse(Files.exists(root.resolve("data/hooks")), "the default hooks directory was made");
            assertTrue(Files.exists(root.resolve("data/state.db")), "data root not used");
            assertTrue(Files.isDirectory(root.resolve("run")), "run root not used");
            int code = g.terminate();
            assertTrue(code == 0 || code == 143, "exit code " + code);
            // at the default level the start and the stop are INFO lines (ListenerIT reads "stopped")
            assertFalse(g.log().contains("INFO"), "INFO lines at WARN: " + g.log());
        }
    }

    @Test
    void bashCompletionOffersEveryServeFlag() throws Exception {
        String script = "source " + GantryProcess.TOP.resolve("scripts/gantry-completion.bash")
                + "; COMP_WORDS=(gantry serve --); COMP_CWORD=2; _gantry; echo \"${COMPREPLY[*]}\""
                + "; COMP_WORDS=(gantry serve --log-level ''); COMP_CWORD=3; _gantry; echo \"${COMPREPLY[*]}\"";
        Out o = run(Map.of(), List.of("bash", "-c", script));
        assertEquals(0, o.code(), o.toString());
        List<String> lines = o.stdout().lines().toList();
        List<String> offered = List.of(lines.get(0).split(" "));
        for (String flag : readmeFlags()) {
            assertTrue(offered.contains(flag), flag + " not offered: " + offered);
        }
        assertEquals("TRACE DEBUG INFO WARN ERROR", lines.get(1));
    }
}
