package dev.gantry.plugin.scan.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paragraphs of {@code Field: value} lines, blank-line separated, continuation lines starting with a space or
 * tab: dpkg's status and Python's METADATA/PKG-INFO headers.
 */
final class Stanzas {
    private Stanzas() {
    }

    static List<Map<String, String>> parse(String text, int maxEntries) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                    if (out.size() >= maxEntries) {
                        return out;
                    }
                    cur = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (last != null && cur.get(last).length() < 4096) {
                    cur.put(last, cur.get(last) + "\n" + line.strip());
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            last = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            // repeated fields (Classifier) are joined, so none is lost
            cur.merge(last, value, (a, b) -> a + "\n" + b);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /** Only the header block (up to the first blank line): METADATA's body is the long description. */
    static Map<String, String> header(String text) {
        int end = text.indexOf("\n\n");
        List<Map<String, String>> p = parse(end < 0 ? text : text.substring(0, end), 1);
        return p.isEmpty() ? Map.of() : p.getFirst();
    }
}
