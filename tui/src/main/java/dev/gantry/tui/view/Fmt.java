package dev.gantry.tui.view;

import java.util.Locale;

/** Short human figures for narrow columns. */
public final class Fmt {
    private Fmt() {
    }

    public static String bytes(long b) {
        if (b < 0) {
            return "-";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + "B" : String.format(Locale.ROOT, v < 10 ? "%.1f%s" : "%.0f%s", v, units[u]);
    }

    /** How long ago an epoch second was: "5s", "3m", "2h", "4d". */
    public static String ago(long epochSecond, long nowSecond) {
        long d = Math.max(0, nowSecond - epochSecond);
        if (d < 60) {
            return d + "s";
        }
        if (d < 3600) {
            return d / 60 + "m";
        }
        if (d < 86400) {
            return d / 3600 + "h";
        }
        return d / 86400 + "d";
    }

    public static String micros(long us) {
        if (us < 1000) {
            return us + "µs";
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fms", us / 1000.0);
        }
        return String.format(Locale.ROOT, "%.2fs", us / 1_000_000.0);
    }

    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    public static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (s.length() <= width) {
            return s;
        }
        return width == 1 ? "…" : s.substring(0, width - 1) + "…";
    }

    public static String pad(String s, int width, boolean right) {
        String f = fit(s, width);
        String spaces = " ".repeat(width - f.length());
        return right ? spaces + f : f + spaces;
    }
}
