package dev.gantry.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParseException;
import dev.gantry.core.EngineException;
import dev.gantry.core.builder.BuildFailure;
import dev.gantry.core.image.ImageConflictException;
import dev.gantry.core.image.ImageNotFoundException;
import dev.gantry.core.layer.UnsafeArchiveException;
import dev.gantry.core.registry.RegistryException;
import dev.gantry.spi.plugin.PluginException;
import org.junit.jupiter.api.Test;

/** The one status table, as JAX-RS resources and the streaming routes both use it. */
class ErrorStatusTest {
    @Test
    void everyKindHasDockersStatus() {
        assertEquals(404, ErrorStatus.of(EngineException.notFound("No such container: x")));
        assertEquals(409, ErrorStatus.of(EngineException.conflict("in use")));
        assertEquals(400, ErrorStatus.of(EngineException.invalid("bad")));
        assertEquals(304, ErrorStatus.of(EngineException.notModified()));
        assertEquals(403, ErrorStatus.of(EngineException.forbidden("Pool overlaps")));
        assertEquals(503, ErrorStatus.of(EngineException.unavailable("not now")));
        assertEquals(401, ErrorStatus.of(new EngineException(EngineException.Kind.UNAUTHORIZED, "who?")));
        assertEquals(501, ErrorStatus.of(new EngineException(EngineException.Kind.NOT_IMPLEMENTED, "no")));
        assertEquals(500, ErrorStatus.of(EngineException.failed("broke", null)));
    }

    @Test
    void pluginReasonsMapLikeEngineKinds() {
        assertEquals(404, ErrorStatus.of(PluginException.notFound("no such network")));
        assertEquals(409, ErrorStatus.of(PluginException.conflict("busy")));
        assertEquals(400, ErrorStatus.of(new PluginException(PluginException.Reason.INVALID, "bad option")));
        assertEquals(500, ErrorStatus.of(PluginException.failed("broke", null)));
    }

    @Test
    void theEnginesOtherFailuresAreEngineExceptions() {
        assertEquals(404, ErrorStatus.of(new ImageNotFoundException("busybox:nope")));
        assertEquals(409, ErrorStatus.of(new ImageConflictException("conflict: unable to delete")));
        assertEquals(401, ErrorStatus.of(new RegistryException(401, "unauthorized")));
        assertEquals(404, ErrorStatus.of(new RegistryException(404, "manifest unknown")));
        assertEquals(500, ErrorStatus.of(new RegistryException(500, "registry down")));
        assertEquals(500, ErrorStatus.of(new BuildFailure("RUN failed", 2)));
        assertEquals(400, ErrorStatus.of(new UnsafeArchiveException("../etc")));
        assertEquals(400, ErrorStatus.of(new JsonParseException(null, "bad json")));
    }

    @Test
    void unclassifiedFailuresAreTheEnginesNotTheClients() {
        assertEquals(500, ErrorStatus.of(new IllegalArgumentException("a library's complaint")));
        assertEquals(500, ErrorStatus.of(new NumberFormatException("For input string")));
        assertEquals(500, ErrorStatus.of(new IllegalStateException("bug")));
        assertEquals("IllegalStateException", ErrorStatus.message(new IllegalStateException()));
    }
}
