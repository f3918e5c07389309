package dev.gantry.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.EngineConfig;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.storage.StorageDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    @TempDir
    Path root;

    private PluginRegistry load(Optional<String> storage) throws IOException {
        PluginRegistry r = new PluginRegistry(new EngineConfig(root.resolve("data"), root.resolve("run"), storage,
                Optional.empty(), Map.of()));
        r.load();
        return r;
    }

    @Test
    void findsBuiltInsAndGivesEachItsOwnDirectories() throws IOException {
        try (PluginRegistry r = load(Optional.empty())) {
            var vfs = r.ofKind(PluginKind.STORAGE).stream().filter(p -> p.descriptor().name().equals("vfs")).findFirst().orElseThrow();
            assertTrue(vfs.usable());
            assertTrue(vfs.source().builtIn());
            assertTrue(Files.isDirectory(root.resolve("data/plugin-state/storage/vfs/snapshots")));
            assertEquals("overlay", r.selectedStorage().orElseThrow().descriptor().name(), "overlay is preferred");
            assertTrue(r.ofKind(PluginKind.RUNTIME).stream().anyMatch(p -> p.descriptor().name().equals("runc")));
        }
    }

    @Test
    void unavailablePluginsAreListedButNeverChosen() throws IOException {
        try (PluginRegistry r = load(Optional.empty())) {
            for (var p : r.all()) {
                if (!p.usable()) {
                    assertFalse(p.availability().reason().isBlank());
                    var e = assertThrows(PluginException.class,
                            () -> r.get(p.descriptor().kind(), p.descriptor().name(), p.plugin().getClass()));
                    assertTrue(e.getMessage().contains("unavailable"));
                }
            }
            r.selectedRuntime().ifPresent(p -> assertTrue(p.usable()));
        }
    }

    @Test
    void theConfiguredDriverWins() throws IOException {
        try (PluginRegistry r = load(Optional.of("vfs"))) {
            assertEquals("vfs", r.selectedStorage().orElseThrow().descriptor().name());
        }
    }

    @Test
    void configuredButUnknownDriverSelectsNothing() throws IOException {
        try (PluginRegistry r = load(Optional.of("zfs"))) {
            assertTrue(r.selectedStorage().isEmpty());
            assertThrows(PluginException.class, () -> r.get(PluginKind.STORAGE, "zfs", StorageDriver.class));
        }
    }
}
