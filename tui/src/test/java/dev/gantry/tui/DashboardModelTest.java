package dev.gantry.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DashboardModelTest {
    @Test
    void showsGantrysOwnVersionNotTheDockerReleaseClientsCompare() throws Exception {
        var version = new ObjectMapper().readTree("""
                {"Version":"28.3.3","Components":[{"Name":"runc","Version":"1.1.5"},{"Name":"Gantry","Version":"0.1.0"}]}""");
        assertEquals("0.1.0", DashboardModel.gantryVersion(version));
        assertEquals("28.3.3", DashboardModel.gantryVersion(new ObjectMapper().readTree("{\"Version\":\"28.3.3\"}")));
    }
}
