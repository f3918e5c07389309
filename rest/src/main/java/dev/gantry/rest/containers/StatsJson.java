package dev.gantry.rest.containers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.ContainerState;
import dev.gantry.core.container.StatsSample;
import java.util.List;

/** A stats reading in Docker's form; the previous reading fills {@code precpu_stats} and {@code preread}. */
final class StatsJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> UNREAD_BLKIO = List.of("io_serviced_recursive", "io_queue_recursive",
            "io_service_time_recursive", "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive",
            "sectors_recursive");

    private StatsJson() {
    }

    static ObjectNode render(StatsSample s, StatsSample previous) {
        ObjectNode n = F.objectNode();
        n.put("read", s.read().toString());
        n.put("preread", previous == null ? ContainerState.NEVER.toString() : previous.read().toString());
        n.put("id", s.id());
        n.put("name", s.name());
        ObjectNode pids = n.putObject("pids_stats");
        if (s.pidsCurrent() != null) {
            pids.put("current", s.pidsCurrent());
            if (s.pidsLimit() > 0) {
                pids.put("limit", s.pidsLimit());
            }
        }
        ObjectNode blkio = n.putObject("blkio_stats");
        ArrayNode bytes = blkio.putArray("io_service_bytes_recursive");
        s.ioServiceBytes().forEach(b -> bytes.addObject().put("major", b.major()).put("minor", b.minor()).put("op", b.op())
                .put("value", b.value()));
        UNREAD_BLKIO.forEach(blkio::putNull);
        n.put("num_procs", 0);
        n.putObject("storage_stats");
        n.set("cpu_stats", cpu(s.cpu()));
        n.set("precpu_stats", previous == null ? F.objectNode().set("cpu_usage", F.objectNode().put("total_usage", 0))
                : cpu(previous.cpu()));
        n.set("memory_stats", memory(s.memory()));
        if (s.networks() != null) {
            ObjectNode nets = n.putObject("networks");
            s.networks().forEach((name, io) -> nets.putObject(name).put("rx_bytes", io.rxBytes())
                    .put("rx_packets", io.rxPackets()).put("rx_errors", io.rxErrors()).put("rx_dropped", io.rxDropped())
                    .put("tx_bytes", io.txBytes()).put("tx_packets", io.txPackets()).put("tx_errors", io.txErrors())
                    .put("tx_dropped", io.txDropped()));
        }
        return n;
    }

    private static ObjectNode cpu(StatsSample.Cpu c) {
        ObjectNode cpu = F.objectNode();
        if (c == null) {
            return cpu;
        }
        ObjectNode usage = cpu.putObject("cpu_usage");
        usage.put("total_usage", c.totalUsage());
        if (c.perCpu() != null) {
            ArrayNode per = usage.putArray("percpu_usage");
            c.perCpu().forEach(per::add);
        }
        usage.put("usage_in_usermode", c.userMode());
        usage.put("usage_in_kernelmode", c.kernelMode());
        cpu.put("system_cpu_usage", c.systemUsage());
        cpu.put("online_cpus", c.onlineCpus());
        cpu.putObject("throttling_data").put("periods", 0).put("throttled_periods", 0).put("throttled_time", 0);
        return cpu;
    }

    private static ObjectNode memory(StatsSample.Memory m) {
        ObjectNode n = F.objectNode();
        if (m == null) {
            return n;
        }
        ObjectNode stats = n.putObject("stats");
        m.stats().forEach(stats::put);
        n.put("usage", m.usage());
        if (m.maxUsage() != null) {
            n.put("max_usage", m.maxUsage());
        }
        n.put("limit", m.limit());
        return n;
    }
}
