package dev.gantry.tui.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace laid out as a waterfall: spans in tree order (each after its parent, siblings by start), with their
 * depth and their offset from the trace's start, so a bar can be drawn to scale.
 */
public record Waterfall(List<Line> lines, long totalMicros) {

    public record Line(SpanRow span, int depth, long offsetMicros) {
    }

    public static Waterfall of(List<SpanRow> spans) {
        if (spans.isEmpty()) {
            return new Waterfall(List.of(), 0);
        }
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        Map<String, List<SpanRow>> children = new HashMap<>();
        List<SpanRow> roots = new ArrayList<>();
        for (SpanRow s : spans) {
            if (s.parentId().isEmpty() || !ids.contains(s.parentId())) {
                roots.add(s);
            } else {
                children.computeIfAbsent(s.parentId(), k -> new ArrayList<>()).add(s);
            }
        }
        long start = spans.stream().mapToLong(SpanRow::startMicros).min().orElse(0);
        long end = spans.stream().mapToLong(s -> s.startMicros() + s.durationMicros()).max().orElse(start);
        List<Line> lines = new ArrayList<>();
        roots.sort(Comparator.comparingLong(SpanRow::startMicros));
        for (SpanRow r : roots) {
            walk(r, 0, start, children, lines);
        }
        return new Waterfall(List.copyOf(lines), end - start);
    }

    private static void walk(SpanRow s, int depth, long start, Map<String, List<SpanRow>> children, List<Line> out) {
        out.add(new Line(s, depth, s.startMicros() - start));
        List<SpanRow> kids = new ArrayList<>(children.getOrDefault(s.spanId(), List.of()));
        kids.sort(Comparator.comparingLong(SpanRow::startMicros));
        for (SpanRow k : kids) {
            walk(k, depth + 1, start, children, out);
        }
    }

    /** The bar of one line in {@code width} cells: its start and length, at least one cell. */
    public int[] bar(Line line, int width) {
        if (totalMicros <= 0 || width <= 0) {
            return new int[] {0, Math.max(0, Math.min(1, width))};
        }
        int from = (int) Math.min(width - 1, line.offsetMicros() * width / totalMicros);
        int len = (int) Math.max(1, line.span().durationMicros() * width / totalMicros);
        return new int[] {from, Math.min(len, width - from)};
    }
}
