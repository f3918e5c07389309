package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import java.math.BigInteger;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 subnet for IPAM: base address and prefix, addresses as unsigned integers of 32 or 128 bits.
 * Text comes from clients, so every parse is strict (literals only, never a name lookup).
 */
record Cidr(BigInteger base, int prefix, boolean v6) {

    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw EngineException.invalid("invalid CIDR address: " + text);
        }
        String ip = text.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw EngineException.invalid("invalid CIDR address: " + text);
        }
        boolean v6 = ip.contains(":");
        BigInteger address = address(ip);
        int bits = v6 ? 128 : 32;
        if (prefix < 0 || prefix > bits) {
            throw EngineException.invalid("invalid CIDR address: " + text);
        }
        // the smallest subnets leave no room for a gateway and a container; the largest swallow the host's own
        if (v6 ? prefix < 8 || prefix > 126 : prefix < 8 || prefix > 30) {
            throw EngineException.invalid("invalid subnet size: " + text);
        }
        return new Cidr(address.and(mask(prefix, bits)), prefix, v6);
    }

    /** An IPv4 or IPv6 literal as an unsigned integer. */
    static BigInteger address(String ip) {
        if (ip.isEmpty() || !ip.matches("[0-9a-fA-F:.]+") || (!ip.contains(":") && ip.split("\\.", -1).length != 4)) {
            throw EngineException.invalid("invalid IP address: " + ip);
        }
        try {
            return new BigInteger(1, InetAddress.ofLiteral(ip).getAddress());
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid("invalid IP address: " + ip);
        }
    }

    static boolean isV6(String ip) {
        return ip.contains(":");
    }

    private static BigInteger mask(int prefix, int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
    }

    int bits() {
        return v6 ? 128 : 32;
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    /** The last address of the subnet. */
    BigInteger last() {
        return base.add(size()).subtract(BigInteger.ONE);
    }

    boolean contains(BigInteger address) {
        return address.compareTo(base) >= 0 && address.compareTo(last()) <= 0;
    }

    boolean contains(String ip) {
        return isV6(ip) == v6 && contains(address(ip));
    }

    boolean overlaps(Cidr other) {
        return v6 == other.v6 && base.compareTo(other.last()) <= 0 && other.base.compareTo(last()) <= 0;
    }

    /** {@code other} lies wholly inside this subnet. */
    boolean covers(Cidr other) {
        return v6 == other.v6 && other.prefix >= prefix && contains(other.base);
    }

    String format(BigInteger address) {
        return format(address, v6);
    }

    /** Canonical text: dotted quad, or RFC 5952 (lower case, the longest run of zero groups as {@code ::}). */
    static String format(BigInteger address, boolean v6) {
        if (!v6) {
            long v = address.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The same address in canonical text, so that two spellings of one address compare equal. */
    static String canonical(String ip) {
        return format(address(ip), isV6(ip));
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
