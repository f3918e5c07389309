package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON document as foldable lines, for the inspect view: the top level open, every nested object or array
 * folded to one line ({@code "State": {…} 11 keys}) until Enter opens it.
 */
public final class FoldedJson {
    public record Line(int depth, String text, String path, boolean foldable, boolean open) {
    }

    private final JsonNode root;
    private final Set<String> open = new HashSet<>();

    public FoldedJson(JsonNode root) {
        this.root = root;
        open.add("");
    }

    public synchronized List<Line> lines() {
        List<Line> out = new ArrayList<>();
        walk(null, root, "", 0, out);
        return out;
    }

    public synchronized void toggle(String path) {
        if (!open.remove(path)) {
            open.add(path);
        }
    }

    private void walk(String key, JsonNode n, String path, int depth, List<Line> out) {
        String label = key == null ? "" : "\"" + key + "\": ";
        if (!n.isContainerNode()) {
            out.add(new Line(depth, label + n.toString(), path, false, false));
            return;
        }
        boolean isOpen = open.contains(path);
        String brackets = n.isObject() ? "{}" : "[]";
        if (n.isEmpty()) {
            out.add(new Line(depth, label + brackets, path, false, false));
            return;
        }
        if (!isOpen) {
            String count = n.size() + (n.isObject() ? (n.size() == 1 ? " key" : " keys") : (n.size() == 1 ? " item" : " items"));
            out.add(new Line(depth, label + brackets.charAt(0) + "…" + brackets.charAt(1) + " " + count, path, true, false));
            return;
        }
        out.add(new Line(depth, label + brackets.charAt(0), path, true, true));
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                walk(e.getKey(), e.getValue(), path + "/" + e.getKey(), depth + 1, out);
            }
        } else {
            for (int i = 0; i < n.size(); i++) {
                walk(null, n.get(i), path + "/" + i, depth + 1, out);
            }
        }
        out.add(new Line(depth, String.valueOf(brackets.charAt(1)), path + "#end", false, false));
    }
}
