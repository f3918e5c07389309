package dev.gantry.core.scan;

import dev.gantry.core.image.ImageConfig;
import dev.gantry.core.image.RunConfig;
import dev.gantry.core.Spans;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.sys.Syscalls;
import dev.gantry.spi.scan.ImageView;
import dev.gantry.spi.storage.Mount;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An image as scanners see it: one read-only snapshot view of the storage plugin per layer (each the image as it
 * stood once that layer was applied), mounted read-only under the run root for the length of a scan, and the
 * config's facts. Closing unmounts and removes the views; the keys start with {@code view-}, which
 * reconciliation drops if a crash left one.
 */
final class LayerViews implements AutoCloseable {
    private final StorageDriver storage;
    private final Path dir;
    private final List<String> keys = new ArrayList<>();
    private final List<Path> mounted = new ArrayList<>();
    private final ImageView view;

    LayerViews(StorageDriver storage, Path runRoot, ImageRecord image, Tracer tracer) throws IOException {
        this.storage = storage;
        this.dir = runRoot.resolve("scan").resolve(UUID.randomUUID().toString());
        try {
            List<ImageView.HistoryStep> history = history(image.config());
            List<Integer> layerSteps = history.stream().filter(h -> !h.emptyLayer()).map(ImageView.HistoryStep::index).toList();
            List<ImageView.Layer> layers = new ArrayList<>();
            for (int i = 0; i < image.layers().size(); i++) {
                var l = image.layers().get(i);
                int index = i;
                // a span per layer: where a slow view (vfs copies whole trees) shows in /gantry/v1/traces
                Path root = Spans.child(tracer, "scan.layer", () -> {
                    Span.current().setAttribute("gantry.layer.index", index).setAttribute("gantry.layer.diff_id", l.diffId().toString());
                    return mount(index, Optional.of(l.chainId().toString()));
                });
                int step = layerSteps.size() == image.layers().size() ? layerSteps.get(i) : -1;
                layers.add(new ImageView.Layer(i, l.diffId().toString(), root, step));
            }
            Path top = layers.isEmpty() ? mount(0, Optional.empty()) : layers.getLast().root();
            RunConfig c = image.config().config();
            view = new ImageView(image.id().toString(), top, c.env(), c.user(), c.labels(), history, layers,
                    new HashSet<>(c.exposedPorts()), c.hasHealthcheck());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    ImageView view() {
        return view;
    }

    private Path mount(int i, Optional<String> parent) throws IOException {
        String key = "view-scan-" + UUID.randomUUID();
        List<Mount> mounts = storage.view(key, parent);
        keys.add(key);
        Path target = Files.createDirectories(dir.resolve(Integer.toString(i)));
        for (Mount m : mounts) {
            List<String> data = new ArrayList<>();
            long flags = Syscalls.MS_RDONLY;
            for (String o : m.options()) {
                switch (o) {
                    case "ro", "rw" -> { }
                    case "bind", "rbind" -> flags |= Syscalls.MS_BIND | Syscalls.MS_REC;
                    default -> data.add(o);
                }
            }
            if (m.type().equals("bind")) {
                flags |= Syscalls.MS_BIND | Syscalls.MS_REC;
            }
            Syscalls.mount(m.source(), target, m.type(), flags, data.isEmpty() ? null : String.join(",", data));
            mounted.add(target);
            if ((flags & Syscalls.MS_BIND) != 0) {
                // a bind mount ignores MS_RDONLY until it is remounted
                Syscalls.mount(m.source(), target, m.type(), flags | Syscalls.MS_REMOUNT, null);
            }
        }
        return target;
    }

    static List<ImageView.HistoryStep> history(ImageConfig config) {
        List<ImageView.HistoryStep> out = new ArrayList<>();
        for (ImageConfig.History h : config.history()) {
            out.add(new ImageView.HistoryStep(out.size(), h.createdBy(), h.emptyLayer()));
        }
        return out;
    }

    @Override
    public void close() {
        for (Path p : mounted.reversed()) {
            try {
                Syscalls.umount(p, Syscalls.MNT_DETACH);
            } catch (IOException ignored) {
                // already gone
            }
        }
        for (String k : keys) {
            try {
                storage.remove(k);
            } catch (RuntimeException ignored) {
                // reconciliation drops views left behind
            }
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the run root goes at reboot
        }
    }
}
