package dev.gantry.tui.view;

import dev.gantry.tui.client.Json;
import dev.gantry.tui.keys.UiState;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.EngineInfo;
import dev.gantry.tui.state.EventRow;
import dev.gantry.tui.state.HookRow;
import dev.gantry.tui.state.ImageRow;
import dev.gantry.tui.state.Link;
import dev.gantry.tui.state.Metrics;
import dev.gantry.tui.state.NetworkRow;
import dev.gantry.tui.state.PluginRow;
import dev.gantry.tui.state.ScanSummary;
import dev.gantry.tui.state.Snapshot;
import dev.gantry.tui.state.StatsSample;
import dev.gantry.tui.state.TraceRow;
import dev.gantry.tui.state.VolumeRow;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.util.List;

/** Canned engine answers (in the engine's JSON shapes) and a virtual terminal to draw them on. */
final class Canned {
    static final String WEB_ID = "a".repeat(64);
    static final String DB_ID = "b".repeat(64);
    static final String IMAGE_ID = "sha256:" + "c".repeat(64);

    private Canned() {
    }

    static DashboardState engine() {
        DashboardState st = new DashboardState("unix:///run/gantry/gantry.sock");
        st.link(Link.up());
        st.engine(EngineInfo.from(Json.parse("""
                {"Version":"28.3.0","ApiVersion":"1.51","Components":[{"Name":"Gantry","Version":"0.1.0"}]}"""),
                Json.parse("""
                {"Driver":"overlay","DefaultRuntime":"runc","KernelVersion":"6.1.0","NCPU":2,"MemTotal":2147483648,
                 "Containers":2,"ContainersRunning":1,"Images":1,"OperatingSystem":"Debian GNU/Linux 12"}""")));
        st.containers(List.of(ContainerRow.from(Json.parse("""
                {"Id":"%s","Names":["/web"],"Image":"busybox","ImageID":"%s","State":"running",
                 "Status":"Up 3 minutes (healthy)","Created":1700000000,
                 "Ports":[{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}],
                 "NetworkSettings":{"Networks":{"bridge":{}}},
                 "Mounts":[{"Type":"volume","Name":"webdata"}]}""".formatted(WEB_ID, IMAGE_ID))),
                ContainerRow.from(Json.parse("""
                {"Id":"%s","Names":["/db"],"Image":"busybox","ImageID":"%s","State":"exited",
                 "Status":"Exited (0) 2 minutes ago","Created":1700000000,"Ports":[],
                 "NetworkSettings":{"Networks":{"bridge":{}}},"Mounts":[]}""".formatted(DB_ID, IMAGE_ID)))));
        st.stats(WEB_ID, StatsSample.from(Json.parse("""
                {"cpu_stats":{"cpu_usage":{"total_usage":300000000},"system_cpu_usage":20000000000,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":100000000},"system_cpu_usage":18000000000},
                 "memory_stats":{"usage":15728640,"limit":2147483648,"stats":{"inactive_file":5242880}},
                 "networks":{"eth0":{"rx_bytes":2048,"tx_bytes":1024}}}""")));
        st.images(List.of(ImageRow.from(Json.parse("""
                {"Id":"%s","RepoTags":["busybox:latest"],"Size":2097152,"Created":1700000000}""".formatted(IMAGE_ID)))));
        st.volumes(List.of(VolumeRow.from(Json.parse("""
                {"Name":"webdata","Driver":"local","Mountpoint":"/var/lib/gantry/volumes/webdata","UsageData":{"Size":4096}}"""))));
        st.networks(List.of(NetworkRow.from(Json.parse("""
                {"Id":"n1","Name":"bridge","Driver":"bridge","IPAM":{"Config":[{"Subnet":"172.17.0.0/16"}]}}"""))));
        st.event(EventRow.from(Json.parse("""
                {"Type":"container","Action":"start","Actor":{"ID":"%s","Attributes":{"name":"web","image":"busybox"}},
                 "time":1700000100,"timeNano":1700000100000000000}""".formatted(WEB_ID))));
        st.traces(List.of(TraceRow.from(Json.parse("""
                {"TraceId":"0af7651916cd43dd8448eb211c80319c","Name":"POST /containers/create",
                 "Start":"2026-12-02T03:04:05.123456Z","DurationMicros":931700,"Spans":3}"""))));
        st.hooks(List.of(HookRow.from(Json.parse("""
                {"Name":"deny-privileged","File":"deny-privileged.js","Events":["beforeCreate"],"State":"active",
                 "Error":null,"Failure":"closed","TimeoutMillis":50,"Schedule":null,
                 "Counts":{"allow":12,"deny":3,"change":0,"error":0,"timeout":1},"P50Micros":120,"P99Micros":900,
                 "LastError":null}""")), HookRow.from(Json.parse("""
                {"Name":"broken","File":"broken.js","Events":["beforeStart"],"State":"error",
                 "Error":{"Message":"SyntaxError: missing ) after argument list","Line":3},"Failure":"open",
                 "TimeoutMillis":50,"Schedule":null,"Counts":{"allow":0,"deny":0,"change":0,"error":0,"timeout":0},
                 "P50Micros":0,"P99Micros":0,"LastError":null}"""))));
        st.plugins(List.of(PluginRow.from(Json.parse("""
                {"Kind":"Runtime","Name":"crun","Version":"0.1.0","Available":false,"Selected":false,
                 "Reason":"cgroups in hybrid mode"}""")), PluginRow.from(Json.parse("""
                {"Kind":"Storage","Name":"overlay","Version":"0.1.0","Available":true,"Selected":true}"""))));
        st.metrics(Metrics.parse("""
                # HELP process_cpu_usage cpu
                process_cpu_usage 0.015
                http_server_requests_seconds_count{method="GET",uri="/info"} 4
                http_server_requests_seconds_count{method="GET",uri="/version"} 3
                gantry_containers_running 1
                """));
        st.scan(IMAGE_ID, ScanSummary.fromReport(Json.parse("""
                {"ImageID":"%s","Created":"2026-12-02T03:00:00Z","DatabaseVersion":null,
                 "Scanners":["sbom","vulns"],"Summary":{"CRITICAL":0,"HIGH":1,"MEDIUM":2,"LOW":0,"UNKNOWN":0},
                 "Packages":[],"Findings":[]}""".formatted(IMAGE_ID))));
        return st;
    }

    /** Draws one frame at the given size and returns the screen's text, a line per row. */
    static String render(UiState ui, Snapshot s, int columns, int rows) throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        try (TerminalScreen screen = new TerminalScreen(terminal)) {
            screen.startScreen();
            Frame.draw(screen, ui, s, true);
            StringBuilder sb = new StringBuilder();
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    sb.append(terminal.getCharacter(x, y).getCharacterString());
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }
}
