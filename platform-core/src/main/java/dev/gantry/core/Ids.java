package dev.gantry.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Docker's object IDs: 32 random bytes as 64 hex characters (containers, networks, anonymous volumes, execs). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
