package dev.gantry.rest.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.EngineException;
import dev.gantry.core.container.ExecConfig;
import dev.gantry.spi.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecRequestTest {
    private static ExecConfig parse(String json) throws Exception {
        return ExecRequest.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void readsDockersFieldsInAnyCase() throws Exception {
        ExecConfig c = parse("{\"cmd\": [\"sh\", \"-c\", \"id\"], \"ENV\": [\"A=1\"], \"user\": \"nobody\","
                + " \"workingDir\": \"/tmp\", \"tty\": true, \"AttachStdout\": true, \"detachKeys\": \"ctrl-x,x\"}");
        assertEquals(List.of("sh", "-c", "id"), c.cmd());
        assertEquals(List.of("A=1"), c.env());
        assertEquals("nobody", c.user());
        assertEquals("/tmp", c.workingDir());
        assertTrue(c.tty());
        assertTrue(c.attachStdout());
        assertEquals("ctrl-x,x", c.detachKeys());
    }

    @Test
    void absentFieldsTakeDockersDefaults() throws Exception {
        ExecConfig c = parse("{\"Cmd\": [\"true\"]}");
        assertEquals(List.of(), c.env());
        assertEquals("", c.user());
        assertFalse(c.tty() || c.privileged() || c.attachStdin() || c.attachStdout() || c.attachStderr());
        assertEquals("", c.detachKeys());
    }

    @Test
    void refusesACommandThatIsNotAListAndBadDetachKeys() {
        var notList = assertThrows(EngineException.class, () -> parse("{\"Cmd\": \"echo hi\"}"));
        assertTrue(notList.getMessage().contains("ExecConfig.Cmd of type []string"), notList.getMessage());
        var keys = assertThrows(EngineException.class, () -> parse("{\"Cmd\": [\"true\"], \"DetachKeys\": \"ctrl-\"}"));
        assertEquals("Invalid escape keys (ctrl-) provided", keys.getMessage());
    }
}
