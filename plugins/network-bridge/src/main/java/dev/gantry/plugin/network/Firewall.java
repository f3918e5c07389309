package dev.gantry.plugin.network;

import java.util.ArrayList;
import java.util.List;

/**
 * One family's firewall tool ({@code iptables} or {@code ip6tables}, of either back end): rules are appended once
 * and tagged with a comment, so they can be found and removed again by tag alone.
 */
final class Firewall {
    private final String tool;

    Firewall(String tool) {
        this.tool = tool;
    }

    /** The IPv6 tool of the same back end as an IPv4 one: {@code iptables-legacy} gives {@code ip6tables-legacy}. */
    static String ipv6Tool(String iptables) {
        int at = iptables.lastIndexOf("iptables");
        return at < 0 ? "ip6tables" : iptables.substring(0, at) + "ip6tables" + iptables.substring(at + "iptables".length());
    }

    String tool() {
        return tool;
    }

    HostCommands.Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool));
        cmd.addAll(List.of(args));
        return HostCommands.run(cmd);
    }

    /** Appends a rule unless it is there (-C), tagged with a comment so it can be found again. */
    void rule(String table, String chain, List<String> spec, String tag) {
        place(table, List.of("-A", chain), chain, spec, tag);
    }

    /**
     * Puts a rule first in its chain unless it is there: a drop must come before whatever the host's own rules
     * accept.
     */
    void insert(String table, String chain, List<String> spec, String tag) {
        place(table, List.of("-I", chain, "1"), chain, spec, tag);
    }

    private void place(String table, List<String> where, String chain, List<String> spec, String tag) {
        List<String> full = new ArrayList<>(spec);
        full.addAll(List.of("-m", "comment", "--comment", tag));
        List<String> check = new ArrayList<>(List.of(tool, "-t", table, "-C", chain));
        check.addAll(full);
        if (HostCommands.run(check).ok()) {
            return;
        }
        List<String> add = new ArrayList<>(List.of(tool, "-t", table));
        add.addAll(where);
        add.addAll(full);
        HostCommands.must(add);
    }

    /** Makes a chain of Gantry's own unless it exists. */
    void chain(String table, String name) {
        if (!run("-t", table, "-S", name).ok()) {
            run("-t", table, "-N", name);
        }
    }

    /** Deletes a chain of Gantry's own; the kernel refuses while a rule is in it or jumps to it, which is wanted. */
    void dropChain(String table, String name) {
        if (run("-t", table, "-S", name).ok()) {
            run("-t", table, "-X", name);
        }
    }

    /** Deletes every rule carrying {@code tag}, in the filter, nat and raw tables. */
    void removeTagged(String tag) {
        removeTagged(tag, List.of("filter", "nat", "raw"));
    }

    /** Deletes every rule carrying {@code tag} in the given tables. */
    void removeTagged(String tag, List<String> tables) {
        for (String table : tables) {
            String rules = HostCommands.run(List.of(tool, "-t", table, "-S")).out();
            for (String line : rules.lines().toList()) {
                if (line.startsWith("-A ") && (line.contains("--comment " + tag + " ") || line.endsWith("--comment " + tag)
                        || line.contains("--comment \"" + tag + "\""))) {
                    List<String> del = new ArrayList<>(List.of(tool, "-t", table));
                    del.addAll(shellWords("-D" + line.substring(2)));
                    HostCommands.run(del);
                }
            }
        }
    }

    /** Splits iptables -S output into words, honouring double quotes. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(ch);
                any = true;
            }
        }
        if (any) {
            words.add(cur.toString());
        }
        return words;
    }
}
