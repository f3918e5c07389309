package dev.gantry.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HostRoutesTest {
    private static final String TABLE = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
            gbr-1\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
            eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            br-2\t0010A8C0\t00000000\t0001\t0\t0\t0\t00F0FFFF\t0\t0\t0
            eth0\t0403020A\t00000000\t0005\t0\t0\t0\tFFFFFFFF\t0\t0\t0
            *\t0000000A\t00000000\t0201\t0\t0\t0\t000000FF\t0\t0\t0
            """;

    @Test
    void theKernelsTableBecomesCidrsWithoutDefaultHostOrRejectRoutes() {
        assertEquals(List.of("172.17.0.0/16", "192.0.2.0/24", "192.168.16.0/20"), Subnets.routesIn(TABLE));
    }

    @Test
    void theHostsRoutesAreWhatIpListsWithAPrefix() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-4", "route", "show").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Set<String> fromIp = new TreeSet<>(out.lines().map(l -> l.split("\\s+")[0]).filter(r -> r.contains("/")).toList());
        assertEquals(fromIp, new TreeSet<>(Subnets.hostRoutes()));
    }
}
