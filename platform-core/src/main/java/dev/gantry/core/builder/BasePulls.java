package dev.gantry.core.builder;

import dev.gantry.core.EngineException;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.Reference;
import dev.gantry.core.registry.Credentials;
import dev.gantry.core.registry.Progress;
import java.util.Map;

/** Base images that are not here come from their registry, with the logins the client sent, reported in the stream. */
final class BasePulls {
    private BasePulls() {
    }

    static ImageRecord pull(ImageBuilder.BasePull pull, String name, Map<String, Credentials> logins, ImageBuilder.Output out) {
        String registry;
        try {
            registry = Reference.parse(name).domain();
        } catch (IllegalArgumentException | EngineException e) {
            throw new BuildFailure("invalid reference format: " + name);
        }
        return pull.pull(name, logins.getOrDefault(registry, Credentials.NONE), progress(out));
    }

    /** A pull's progress in the build's stream: its status lines and each layer's end, not byte counts. */
    static Progress progress(ImageBuilder.Output out) {
        return new Progress() {
            @Override
            public synchronized void status(String status) {
                out.stream(status + "\n");
            }

            @Override
            public synchronized void item(String id, String status, long current, long total) {
                if (status.startsWith("Pulling from") || status.equals("Pull complete") || status.equals("Already exists")) {
                    out.stream(id + ": " + status + "\n");
                }
            }
        };
    }
}
