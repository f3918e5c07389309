package dev.gantry.tui.state;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * A container's log lines as they arrive, for the log view: it follows the end unless paused or scrolled back,
 * and a search keeps only the lines that contain the text.
 */
public final class LogBuffer {
    static final int MAX_LINES = 5000;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private boolean paused;
    private int back;
    private String search = "";
    private String ended = "";

    public synchronized void add(String line) {
        lines.addLast(line);
        if (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
        if (paused || back > 0) {
            back++;
        }
    }

    public synchronized void end(String why) {
        ended = why;
    }

    public synchronized String ended() {
        return ended;
    }

    public synchronized void togglePause() {
        paused = !paused;
        if (!paused) {
            back = 0;
        }
    }

    public synchronized boolean paused() {
        return paused;
    }

    public synchronized boolean following() {
        return !paused && back == 0;
    }

    public synchronized void scroll(int delta) {
        back = Math.max(0, Math.min(Math.max(0, lines.size() - 1), back - delta));
    }

    public synchronized void search(String text) {
        search = text;
        back = 0;
    }

    public synchronized String search() {
        return search;
    }

    public synchronized int size() {
        return lines.size();
    }

    /** The lines to show in {@code height} rows: the matching ones, ending {@code back} lines before the end. */
    public synchronized List<String> window(int height) {
        List<String> matching = new ArrayList<>();
        String needle = search.toLowerCase(Locale.ROOT);
        for (String l : lines) {
            if (needle.isEmpty() || l.toLowerCase(Locale.ROOT).contains(needle)) {
                matching.add(l);
            }
        }
        int end = Math.max(0, matching.size() - (needle.isEmpty() ? back : 0));
        int start = Math.max(0, end - height);
        return List.copyOf(matching.subList(start, end));
    }
}
