package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The bridge driver's {@code com.docker.network.*} options, checked at {@code network create} as dockerd checks
 * them, so a bad one is refused with its reason instead of breaking the first container that joins.
 */
final class BridgeOptions {
    static final String NAME = "com.docker.network.bridge.name";
    static final String MTU = "com.docker.network.driver.mtu";
    static final String ICC = "com.docker.network.bridge.enable_icc";
    static final String MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
    /** Go's strconv.ParseBool, which dockerd reads these with. */
    private static final Set<String> BOOLEANS = Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");

    private BridgeOptions() {
    }

    static void check(Map<String, String> options, Collection<NetworkRecord> existing) {
        String bind = options.get(PublishedPorts.HOST_BINDING_OPTION);
        if (bind != null) {
            PublishedPorts.checkBindIp(bind, PublishedPorts.HOST_BINDING_OPTION);
        }
        for (String key : Set.of(ICC, MASQUERADE)) {
            String v = options.get(key);
            if (v != null && !BOOLEANS.contains(v)) {
                throw EngineException.invalid("invalid value for " + key + ": strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
            }
        }
        String mtu = options.get(MTU);
        if (mtu != null) {
            int value;
            try {
                value = Integer.parseInt(mtu);
            } catch (NumberFormatException e) {
                throw EngineException.invalid("invalid value for " + MTU + ": strconv.Atoi: parsing \"" + mtu + "\": invalid syntax");
            }
            // 68 is IPv4's minimum link MTU; 65535 the most a bridge or veth takes
            if (value < 68 || value > 65535) {
                throw EngineException.invalid("invalid MTU number: " + value);
            }
        }
        String name = options.get(NAME);
        if (name != null) {
            checkBridgeName(name, existing);
        }
    }

    /** The kernel's rules for an interface name, and no bridge of another network or interface of the host. */
    private static void checkBridgeName(String name, Collection<NetworkRecord> existing) {
        if (name.isEmpty() || name.length() > 15) {
            throw EngineException.invalid("invalid bridge name " + name + ": an interface name has 1 to 15 characters");
        }
        // a leading '-' is the kernel's to take but iproute2 would read it as an option
        if (name.equals(".") || name.equals("..") || name.startsWith("-") || !name.matches("[^/:\\s]+") || !name.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw EngineException.invalid("invalid bridge name " + name + ": not a valid interface name");
        }
        for (NetworkRecord n : existing) {
            if (name.equals(n.options().get(NAME))) {
                throw new EngineException(EngineException.Kind.FORBIDDEN, "cannot create network with bridge name " + name
                        + ": conflicts with network " + n.id() + " (" + n.name() + "): networks have same bridge name");
            }
        }
        if (Files.exists(Path.of("/sys/class/net", name))) {
            throw new EngineException(EngineException.Kind.FORBIDDEN, "cannot create network with bridge name " + name
                    + ": an interface of that name already exists on the host");
        }
    }
}
