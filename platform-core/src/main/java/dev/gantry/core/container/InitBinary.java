package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The init {@code --init} asks for: the first of the usual ones installed. */
final class InitBinary {
    private static final List<String> CANDIDATES = List.of("/usr/bin/catatonit", "/usr/libexec/podman/catatonit",
            "/usr/bin/tini-static", "/usr/bin/docker-init");

    private InitBinary() {
    }

    static Optional<Path> of(Container c) {
        if (!c.hostConfig().initOrFalse()) {
            return Optional.empty();
        }
        return Optional.of(CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> EngineException.failed("--init needs catatonit (apt-get install catatonit)", null)));
    }
}
