package dev.gantry.vulndb.cvss;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CVSS v4.0 base score (CVSS-B) of a vector, by the specification's MacroVector method (section 8.2): the
 * vector's equivalence classes EQ1-EQ6 pick a MacroVector whose score the published table gives; the score is
 * lowered by the mean, over the classes that have a lower neighbour, of the vector's severity distance from the
 * MacroVector's highest-severity vectors as a fraction of the class's depth times the score step to that
 * neighbour. Only base metrics count: threat and environmental ones take their "not defined" worst case
 * (E:A, CR/IR/AR:H), so the result is the base score OSV's severity means.
 */
public final class Cvss4 {
    private static final List<String> BASE = List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI",
            "SA");
    private static final Map<String, Map<String, Double>> LEVELS = Map.ofEntries(
            Map.entry("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3)),
            Map.entry("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2)),
            Map.entry("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2)),
            Map.entry("AC", Map.of("L", 0.0, "H", 0.1)),
            Map.entry("AT", Map.of("N", 0.0, "P", 0.1)),
            Map.entry("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)));
    /** The highest-severity vectors of each class level (the specification's "max composed" vectors). */
    private static final Map<String, List<String>> MAX_COMPOSED = Map.ofEntries(
            Map.entry("eq1:0", List.of("AV:N/PR:N/UI:N")),
            Map.entry("eq1:1", List.of("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P")),
            Map.entry("eq1:2", List.of("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P")),
            Map.entry("eq2:0", List.of("AC:L/AT:N")),
            Map.entry("eq2:1", List.of("AC:H/AT:N", "AC:L/AT:P")),
            Map.entry("eq3eq6:00", List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H")),
            Map.entry("eq3eq6:01", List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M")),
            Map.entry("eq3eq6:10", List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H")),
            Map.entry("eq3eq6:11", List.of("VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                    "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
                    "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M")),
            Map.entry("eq3eq6:21", List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H")),
            Map.entry("eq4:0", List.of("SC:H/SI:S/SA:S")),
            Map.entry("eq4:1", List.of("SC:H/SI:H/SA:H")),
            Map.entry("eq4:2", List.of("SC:L/SI:L/SA:L")));
    /** Each class level's depth, in steps of 0.1 severity distance. */
    private static final Map<String, Integer> DEPTH = Map.ofEntries(
            Map.entry("eq1:0", 1), Map.entry("eq1:1", 4), Map.entry("eq1:2", 5),
            Map.entry("eq2:0", 1), Map.entry("eq2:1", 2),
            Map.entry("eq3eq6:00", 7), Map.entry("eq3eq6:01", 6), Map.entry("eq3eq6:10", 8),
            Map.entry("eq3eq6:11", 8), Map.entry("eq3eq6:21", 10),
            Map.entry("eq4:0", 6), Map.entry("eq4:1", 5), Map.entry("eq4:2", 4));
    private static final Map<String, Double> MACROVECTORS = loadTable();

    private Cvss4() {
    }

    /** The base score, 0.0-10.0; IllegalArgumentException for a vector that is not CVSS v4.0 or lacks a metric. */
    public static double baseScore(String vector) {
        Map<String, String> m = parse(vector);
        if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream().allMatch(k -> m.get(k).equals("N"))) {
            return 0.0;
        }
        int[] eq = macroVector(m);
        double value = score(eq);
        Map<String, Double> distance = distances(m, eq);
        double step = 0.1;
        double sum = 0;
        int lower = 0;
        double[] nextLower = {
                score(bump(eq, 0)), score(bump(eq, 1)), eq3eq6Lower(eq), score(bump(eq, 3)), score(bump(eq, 4))};
        double[] current = {
                distance.get("AV") + distance.get("PR") + distance.get("UI"),
                distance.get("AC") + distance.get("AT"),
                distance.get("VC") + distance.get("VI") + distance.get("VA") + distance.get("CR")
                        + distance.get("IR") + distance.get("AR"),
                distance.get("SC") + distance.get("SI") + distance.get("SA"),
                0};
        double[] depth = {
                DEPTH.get("eq1:" + eq[0]) * step, DEPTH.get("eq2:" + eq[1]) * step,
                DEPTH.get("eq3eq6:" + eq[2] + eq[5]) * step, DEPTH.get("eq4:" + eq[3]) * step, 1};
        for (int i = 0; i < 5; i++) {
            if (Double.isNaN(nextLower[i])) {
                continue;
            }
            lower++;
            // EQ5's proportion is always 0: a base vector sits at the top of its threat class
            sum += i == 4 ? 0 : (value - nextLower[i]) * (current[i] / depth[i]);
        }
        double result = value - (lower == 0 ? 0 : sum / lower);
        result = Math.max(0, Math.min(10, result));
        return Math.round(result * 10) / 10.0;
    }

    private static int[] macroVector(Map<String, String> m) {
        String av = m.get("AV");
        String pr = m.get("PR");
        String ui = m.get("UI");
        int eq1;
        if (av.equals("N") && pr.equals("N") && ui.equals("N")) {
            eq1 = 0;
        } else if ((av.equals("N") || pr.equals("N") || ui.equals("N")) && !av.equals("P")) {
            eq1 = 1;
        } else {
            eq1 = 2;
        }
        int eq2 = m.get("AC").equals("L") && m.get("AT").equals("N") ? 0 : 1;
        boolean vc = m.get("VC").equals("H");
        boolean vi = m.get("VI").equals("H");
        boolean va = m.get("VA").equals("H");
        int eq3 = vc && vi ? 0 : (vc || vi || va ? 1 : 2);
        int eq4 = m.get("SI").equals("S") || m.get("SA").equals("S") ? 0
                : (m.get("SC").equals("H") || m.get("SI").equals("H") || m.get("SA").equals("H") ? 1 : 2);
        int eq5 = 0;
        // with CR, IR and AR at their default H, EQ6 is 0 exactly when one of VC, VI, VA is high
        int eq6 = vc || vi || va ? 0 : 1;
        return new int[] {eq1, eq2, eq3, eq4, eq5, eq6};
    }

    /** For each metric, the vector's distance below the first highest-severity vector it does not exceed. */
    private static Map<String, Double> distances(Map<String, String> m, int[] eq) {
        List<String> maxes = new ArrayList<>();
        for (String a : MAX_COMPOSED.get("eq1:" + eq[0])) {
            for (String b : MAX_COMPOSED.get("eq2:" + eq[1])) {
                for (String c : MAX_COMPOSED.get("eq3eq6:" + eq[2] + eq[5])) {
                    for (String d : MAX_COMPOSED.get("eq4:" + eq[3])) {
                        maxes.add(a + "/" + b + "/" + c + "/" + d);
                    }
                }
            }
        }
        Map<String, Double> distance = new HashMap<>();
        for (String max : maxes) {
            distance.clear();
            boolean fits = true;
            for (String part : max.split("/")) {
                String[] kv = part.split(":");
                double d = LEVELS.get(kv[0]).get(m.get(kv[0])) - LEVELS.get(kv[0]).get(kv[1]);
                distance.put(kv[0], d);
                fits &= d >= 0;
            }
            if (fits) {
                break;
            }
        }
        return distance;
    }

    private static double eq3eq6Lower(int[] eq) {
        int eq3 = eq[2];
        int eq6 = eq[5];
        if (eq3 == 0 && eq6 == 0) {
            // two ways down: the higher-scoring neighbour counts
            double left = score(bump(eq, 5));
            double right = score(bump(eq, 2));
            return Double.isNaN(left) ? right : Double.isNaN(right) ? left : Math.max(left, right);
        }
        if (eq3 == 1 && eq6 == 0) {
            return score(bump(eq, 5));
        }
        if (eq3 == 2) {
            return Double.NaN;
        }
        return score(bump(eq, 2));
    }

    private static int[] bump(int[] eq, int index) {
        int[] copy = eq.clone();
        copy[index]++;
        return copy;
    }

    private static double score(int[] eq) {
        StringBuilder key = new StringBuilder();
        for (int e : eq) {
            key.append(e);
        }
        return MACROVECTORS.getOrDefault(key.toString(), Double.NaN);
    }

    private static Map<String, String> parse(String vector) {
        String[] parts = vector.strip().split("/");
        if (parts.length < BASE.size() + 1 || !parts[0].equals("CVSS:4.0")) {
            throw new IllegalArgumentException("not a CVSS v4.0 vector: " + Cvss3.clip(vector));
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split(":", 2);
            if (kv.length != 2 || m.put(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("not a CVSS v4.0 vector: " + Cvss3.clip(vector));
            }
        }
        for (String metric : BASE) {
            String value = m.get(metric);
            if (value == null || !LEVELS.get(metric).containsKey(value)
                    || (value.equals("S") && !metric.startsWith("S"))) {
                throw new IllegalArgumentException("CVSS v4.0 vector with a bad or missing " + metric + ": "
                        + Cvss3.clip(vector));
            }
        }
        if (m.get("SI").equals("S") || m.get("SA").equals("S")) {
            // S (safety) is a value of the modified metrics only
            throw new IllegalArgumentException("CVSS v4.0 vector with a bad SI/SA: " + Cvss3.clip(vector));
        }
        // the base score: the security requirements take their "not defined" value, whatever the vector says
        m.put("CR", "H");
        m.put("IR", "H");
        m.put("AR", "H");
        return m;
    }

    private static Map<String, Double> loadTable() {
        Map<String, Double> table = new HashMap<>();
        var in = Objects.requireNonNull(Cvss4.class.getResourceAsStream("cvss4-macrovectors.txt"));
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                for (int i = 0; i + 1 < words.length; i += 2) {
                    table.put(words[i], Double.parseDouble(words[i + 1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(table);
    }
}
