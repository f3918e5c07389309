package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;

/** One reading of a container's stats stream, reduced to what the dashboard shows. */
public record StatsSample(double cpuPercent, long memUsage, long memLimit, long rxBytes, long txBytes) {

    /**
     * Docker's CPU figure: the container's share of the host's CPU time since the previous reading, times the
     * online CPUs. Memory leaves out the page cache ({@code inactive_file}), as {@code docker stats} does.
     */
    public static StatsSample from(JsonNode s) {
        JsonNode cpu = s.path("cpu_stats");
        JsonNode pre = s.path("precpu_stats");
        double containerDelta = cpu.path("cpu_usage").path("total_usage").asDouble()
                - pre.path("cpu_usage").path("total_usage").asDouble();
        double systemDelta = cpu.path("system_cpu_usage").asDouble() - pre.path("system_cpu_usage").asDouble();
        int cpus = cpu.path("online_cpus").asInt(0);
        if (cpus == 0) {
            cpus = Math.max(1, cpu.path("cpu_usage").path("percpu_usage").size());
        }
        double percent = systemDelta > 0 && containerDelta >= 0 && pre.path("system_cpu_usage").asDouble() > 0
                ? containerDelta / systemDelta * cpus * 100.0 : 0.0;
        JsonNode mem = s.path("memory_stats");
        long usage = mem.path("usage").asLong();
        JsonNode st = mem.path("stats");
        long cache = st.has("inactive_file") ? st.path("inactive_file").asLong()
                : st.path("total_inactive_file").asLong(st.path("cache").asLong());
        if (cache < usage) {
            usage -= cache;
        }
        long rx = 0;
        long tx = 0;
        for (JsonNode n : s.path("networks")) {
            rx += n.path("rx_bytes").asLong();
            tx += n.path("tx_bytes").asLong();
        }
        return new StatsSample(percent, usage, mem.path("limit").asLong(), rx, tx);
    }
}
