package dev.gantry.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.core.event.EventBus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine without hook files: no JavaScript runtime, every operation allowed as it came, nothing listed. */
class NoHooksTest {
    @TempDir
    Path dir;

    @Test
    void nothingIsLoadedWhileNoHookFileExists() throws Exception {
        Files.writeString(dir.resolve("README.txt"), "not a hook");
        Files.writeString(dir.resolve(".swap.js"), "export function beforeCreate() { return {deny: 'x'}; }");
        try (Hooks hooks = new Hooks(dir.resolve("missing"), null, new EventBus(10), OpenTelemetry.noop().getTracer("t"),
                new SimpleMeterRegistry()); Hooks other = new Hooks(dir, null, new EventBus(10),
                OpenTelemetry.noop().getTracer("t"), new SimpleMeterRegistry())) {
            hooks.start();
            other.start();
            var req = JsonNodeFactory.instance.objectNode().put("Image", "busybox");
            for (Hooks h : List.of(hooks, other)) {
                var d = h.policy(HookEvent.BEFORE_CREATE, List.of(req));
                assertTrue(d.allowed());
                assertEquals(req, d.payload());
                assertFalse(h.handles(HookEvent.AFTER_EXIT));
                h.observe(HookEvent.AFTER_EXIT, () -> {
                    throw new AssertionError("no observer, no payload");
                });
                h.reload();
                assertEquals(List.of(), h.list());
                assertFalse(h.runtimeStarted(), "the polyglot engine started without a hook file");
            }
        }
    }
}
