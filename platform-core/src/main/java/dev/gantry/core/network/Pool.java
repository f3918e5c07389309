package dev.gantry.core.network;

import java.util.Map;

/**
 * One IPAM pool of a network: Docker's {@code IPAM.Config} entry.
 *
 * @param subnet     CIDR, IPv4 or IPv6
 * @param gateway    the bridge's address in it
 * @param ipRange    CIDR inside {@code subnet} that automatic addresses come from, empty for the whole subnet
 * @param auxiliary  Docker's {@code AuxiliaryAddresses}: addresses reserved by name, never handed out
 * @param configured the user gave the subnet, so containers may ask for fixed addresses in it (Docker's rule)
 */
public record Pool(String subnet, String gateway, String ipRange, Map<String, String> auxiliary, boolean configured) {
    public Pool {
        ipRange = ipRange == null ? "" : ipRange;
        auxiliary = auxiliary == null ? Map.of() : Map.copyOf(auxiliary);
    }

    public boolean v6() {
        return Cidr.isV6(subnet);
    }

    public int prefixLength() {
        return Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }

    Cidr cidr() {
        return Cidr.parse(subnet);
    }

    /** Whether {@code ip} is an address of this pool's subnet. */
    public boolean holds(String ip) {
        return Cidr.isV6(ip) == v6() && cidr().contains(ip);
    }
}
