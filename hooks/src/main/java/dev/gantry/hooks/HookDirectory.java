package dev.gantry.hooks;

import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The hooks directory: {@code NAME.js} files, loaded at start and reloaded when one changes, appears or goes
 * (the directory is polled; a stat a file each time). A version that does not load is reported (log, event,
 * REST) with its line and the previous version stays in force.
 */
final class HookDirectory {
    private static final System.Logger LOG = System.getLogger(HookDirectory.class.getName());
    static final long MAX_FILE_BYTES = 1 << 20;

    interface Loader {
        HookModule load(String name, Path file, String text) throws HookCompileException;
    }

    private final Path dir;
    private final Loader loader;
    private final EventBus events;
    private final Map<String, HookFile> files = new TreeMap<>();
    private volatile List<HookModule> active = List.of();

    HookDirectory(Path dir, Loader loader, EventBus events) {
        this.dir = dir;
        this.loader = loader;
        this.events = events;
    }

    Path path() {
        return dir;
    }

    /** The modules in force, in name order; read without locking on every operation. */
    List<HookModule> active() {
        return active;
    }

    synchronized List<HookFile> files() {
        return List.copyOf(files.values());
    }

    synchronized HookFile file(String name) {
        return files.get(name);
    }

    /** Looks at the directory; {@code force} reloads files that did not change too. */
    synchronized void scan(boolean force) {
        Set<String> seen = new HashSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.sorted().toList()) {
                    String fn = p.getFileName().toString();
                    if (!fn.endsWith(".js") || fn.startsWith(".") || fn.length() == 3) {
                        continue;
                    }
                    String name = fn.substring(0, fn.length() - 3);
                    seen.add(name);
                    look(files.computeIfAbsent(name, n -> new HookFile(n, p)), force);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list the hooks directory " + dir + ": " + e.getMessage());
                return;
            }
        }
        for (String gone : new ArrayList<>(files.keySet())) {
            if (!seen.contains(gone)) {
                HookFile f = files.remove(gone);
                f.module().ifPresent(HookModule::close);
                LOG.log(System.Logger.Level.INFO, "hook " + gone + " removed");
            }
        }
        active = files.values().stream().flatMap(f -> f.module().stream()).toList();
    }

    private void look(HookFile f, boolean force) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(f.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // went between the listing and now: the next scan sees it gone
        }
        if (!force && attrs.lastModifiedTime().equals(f.modified) && attrs.size() == f.size) {
            return;
        }
        f.modified = attrs.lastModifiedTime();
        f.size = attrs.size();
        String text;
        try {
            if (!attrs.isRegularFile()) {
                fail(f, new HookFile.Failure("not a regular file", 0));
                return;
            }
            if (attrs.size() > MAX_FILE_BYTES) {
                fail(f, new HookFile.Failure("larger than " + MAX_FILE_BYTES + " bytes", 0));
                return;
            }
            text = Files.readString(f.path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            fail(f, new HookFile.Failure("cannot read: " + e.getMessage(), 0));
            return;
        }
        if (!force && text.equals(f.text) && f.failure == null) {
            return;
        }
        f.text = text;
        try {
            HookModule loaded = loader.load(f.name, f.path, text);
            HookModule old = f.module;
            f.module = loaded;
            f.failure = null;
            f.nextRun = loaded.schedule().map(s -> Instant.now().plus(s.period())).orElse(null);
            if (old != null) {
                old.close();
            }
            LOG.log(System.Logger.Level.INFO, "hook " + f.name + " loaded: "
                    + String.join(", ", loaded.events().stream().map(HookEvent::function).toList()));
            events.publish(Event.now("hook", "load", f.name, Map.of("file", f.path.getFileName().toString(),
                    "event", String.join(",", loaded.events().stream().map(HookEvent::function).toList()))));
        } catch (HookCompileException e) {
            fail(f, new HookFile.Failure(e.getMessage(), e.line()));
        }
    }

    private void fail(HookFile f, HookFile.Failure failure) {
        f.failure = failure;
        LOG.log(System.Logger.Level.WARNING, "hook " + f.name + " (" + f.path + ") does not load, line " + failure.line()
                + ": " + failure.message() + (f.module == null ? "" : "; its previous version stays in force"));
        events.publish(Event.now("hook", "error", f.name, Map.of("file", f.path.getFileName().toString(),
                "line", Integer.toString(failure.line()), "message", failure.message())));
    }

    synchronized void close() {
        files.values().forEach(f -> f.module().ifPresent(HookModule::close));
        files.clear();
        active = List.of();
    }
}
