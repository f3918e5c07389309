package dev.gantry.rest.containers;

import dev.gantry.core.EngineException;
import java.util.Locale;

/**
 * The key sequence that ends an attach without touching the process: Docker's form, comma-separated keys,
 * each a single character or {@code ctrl-<key>} ({@code ctrl-p,ctrl-q} by default).
 */
final class DetachKeys {
    static final byte[] DEFAULT = {0x10, 0x11};
    private final byte[] sequence;
    private int matched;

    DetachKeys(byte[] sequence) {
        this.sequence = sequence;
    }

    static byte[] parse(String keys) {
        if (keys == null || keys.isEmpty()) {
            return DEFAULT;
        }
        String[] parts = keys.split(",");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String k = parts[i].trim().toLowerCase(Locale.ROOT);
            if (k.length() == 1) {
                out[i] = (byte) k.charAt(0);
            } else if (k.startsWith("ctrl-") && k.length() == 6) {
                char c = k.charAt(5);
                out[i] = switch (c) {
                    case '@' -> 0;
                    case '[' -> 27;
                    case '\\' -> 28;
                    case ']' -> 29;
                    case '^' -> 30;
                    case '_' -> 31;
                    default -> {
                        if (c < 'a' || c > 'z') {
                            throw EngineException.invalid("Invalid detach keys (" + keys + ") provided");
                        }
                        yield (byte) (c - 'a' + 1);
                    }
                };
            } else {
                throw EngineException.invalid("Invalid detach keys (" + keys + ") provided");
            }
        }
        return out;
    }

    /** Feeds input through the matcher; true when the whole sequence has just been typed. */
    boolean detaches(byte[] input) {
        for (byte b : input) {
            if (b == sequence[matched]) {
                matched++;
                if (matched == sequence.length) {
                    matched = 0;
                    return true;
                }
            } else {
                matched = b == sequence[0] ? 1 : 0;
            }
        }
        return false;
    }
}
