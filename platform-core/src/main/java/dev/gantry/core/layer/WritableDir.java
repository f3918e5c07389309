package dev.gantry.core.layer;

import dev.gantry.spi.storage.Mount;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a new layer's files go, read from a prepared snapshot's mounts without mounting anything: the bind
 * source of a copy driver, the upper directory of an overlay. Docker's own layer stores write there too; a
 * mount per layer would only cost time.
 */
public final class WritableDir {
    private WritableDir() {
    }

    public static Path of(List<Mount> mounts) {
        if (mounts.size() != 1) {
            throw new IllegalArgumentException("expected one mount, got " + mounts);
        }
        Mount m = mounts.get(0);
        if (m.type().equals("bind")) {
            return Path.of(m.source());
        }
        if (m.type().equals("overlay")) {
            for (String o : m.options()) {
                if (o.startsWith("upperdir=")) {
                    return Path.of(o.substring("upperdir=".length()));
                }
            }
        }
        throw new IllegalArgumentException("cannot write a layer into a " + m.type() + " mount");
    }
}
