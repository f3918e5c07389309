package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.Plugin;
import dev.gantry.spi.plugin.PluginKind;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The checks every plugin passes, whatever its kind. Each kind's kit extends this; a plugin's test extends its
 * kind's kit and says how to construct the plugin.
 */
public abstract class PluginKit<P extends Plugin> {

    /** A fresh, uninitialised instance, as ServiceLoader would make it. */
    protected abstract P newPlugin();

    /** The SPI interface the plugin is registered under. */
    protected abstract Class<P> serviceType();

    protected abstract PluginKind kind();

    @Test
    void descriptorIsConstantAndMatchesItsKind() {
        P plugin = newPlugin();
        assertEquals(kind(), plugin.descriptor().kind());
        assertEquals(plugin.descriptor(), plugin.descriptor());
        assertFalse(plugin.descriptor().version().isBlank(), "a plugin states its version");
    }

    @Test
    void isFoundByServiceLoader() {
        String name = newPlugin().descriptor().name();
        boolean found = ServiceLoader.load(serviceType()).stream()
                .anyMatch(p -> p.get().descriptor().name().equals(name));
        assertTrue(found, "META-INF/services/" + serviceType().getName() + " must list " + name);
    }

    @Test
    void probeAnswersWithAReasonWhenUnavailable() {
        Availability a = assertDoesNotThrow(() -> newPlugin().probe());
        assertNotNull(a);
        if (!a.available()) {
            assertFalse(a.reason().isBlank());
        }
    }
}
