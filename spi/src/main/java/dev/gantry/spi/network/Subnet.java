package dev.gantry.spi.network;

/**
 * One subnet of a network, IPv4 or IPv6, with the address the host side takes in it.
 *
 * @param cidr    e.g. {@code 172.18.0.0/16} or {@code fd00:db8:1::/64}
 * @param gateway the gateway address, without prefix
 */
public record Subnet(String cidr, String gateway) {
    public boolean v6() {
        return cidr.contains(":");
    }

    public int prefixLength() {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    /** Whether an address (plain or in CIDR form) lies in this subnet. */
    public boolean holds(String address) {
        String ip = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        if (ip.contains(":") != v6()) {
            return false;
        }
        byte[] a = java.net.InetAddress.ofLiteral(ip).getAddress();
        byte[] base = java.net.InetAddress.ofLiteral(cidr.substring(0, cidr.indexOf('/'))).getAddress();
        int bits = prefixLength();
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (base[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
