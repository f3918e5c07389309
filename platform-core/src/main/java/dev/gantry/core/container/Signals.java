package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import java.util.List;
import java.util.Locale;

/** Signal names and numbers on Linux x86-64, in the forms Docker accepts: {@code SIGTERM}, {@code TERM}, {@code 15}. */
public final class Signals {
    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private Signals() {
    }

    public static int parse(String signal) {
        if (signal == null || signal.isBlank()) {
            return SIGKILL;
        }
        String s = signal.trim().toUpperCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n < 1 || n > 64) {
                throw EngineException.invalid("Invalid signal: " + signal);
            }
            return n;
        }
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        if (s.startsWith("RTMIN")) {
            return 34 + offset(s.substring(5), signal);
        }
        if (s.startsWith("RTMAX")) {
            return 64 + offset(s.substring(5), signal);
        }
        int i = NAMES.indexOf(s);
        if (s.equals("IOT")) {
            i = 6;
        } else if (s.equals("POLL")) {
            i = 29;
        }
        if (i <= 0) {
            throw EngineException.invalid("Invalid signal: " + signal);
        }
        return i;
    }

    private static int offset(String rest, String original) {
        if (rest.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(rest.replace("+", ""));
        } catch (NumberFormatException e) {
            throw EngineException.invalid("Invalid signal: " + original);
        }
    }
}
