package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import java.util.Locale;

/** MAC addresses a client asks for: six bytes, colon- or dash-separated, unicast (an interface refuses others). */
final class Macs {
    private Macs() {
    }

    /** The address in lower-case colon form; anything else is Docker's "invalid MAC address". */
    static String parse(String mac) {
        String normal = mac.toLowerCase(Locale.ROOT).replace('-', ':');
        if (!normal.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw EngineException.invalid("invalid MAC address: " + mac);
        }
        if ((Integer.parseInt(normal.substring(0, 2), 16) & 1) != 0) {
            throw EngineException.invalid("invalid MAC address: " + mac + " is a multicast address");
        }
        return normal;
    }
}
