package dev.gantry.rest.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine's memory as the slow-client tests check it: live heap after a full collection, and RSS. */
final class EngineMemory {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private EngineMemory() {
    }

    /** KiB of heap still in use after a full collection (jcmd GC.run, then GC.heap_info's generations). */
    static long liveHeapKiB(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        GantryProcess.Result gc = GantryProcess.run(List.of(jcmd, Long.toString(pid), "GC.run"), Map.of());
        if (gc.code() != 0) {
            throw new IllegalStateException("jcmd GC.run: " + gc.out());
        }
        GantryProcess.Result info = GantryProcess.run(List.of(jcmd, Long.toString(pid), "GC.heap_info"), Map.of());
        long used = 0;
        for (String line : info.out().split("\n")) {
            // the heap's parts (Serial: "DefNew total ..., used ...", "Tenured ..."; G1: "garbage-first heap");
            // their spaces and the metaspace lines are indented
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.contains(" total ")) {
                Matcher m = USED.matcher(line);
                if (m.find()) {
                    used += Long.parseLong(m.group(1));
                }
            }
        }
        if (used == 0) {
            throw new IllegalStateException("no heap figures in: " + info.out());
        }
        return used;
    }

    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
