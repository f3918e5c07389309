package dev.gantry.plugin.network;

import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.plugin.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which interface is a bridge Gantry made: a bridge whose alias ({@code ifalias}) is the network's tag, written
 * when the bridge is made. Gantry adds addresses and rules only to such a bridge and deletes nothing else, so a
 * {@code com.docker.network.bridge.name} naming {@code eth0} (or any interface of the host) never touches it.
 * Bridges of the default name {@code gbr-<id>} made before the alias was written count as Gantry's too: the name
 * comes from the network's ID.
 */
final class BridgeOwnership {
    private BridgeOwnership() {
    }

    /** The kernel's rules for an interface name, and no leading '-' that iproute2 would read as an option. */
    static void checkName(String name) {
        boolean valid = !name.isEmpty() && name.length() <= 15 && !name.equals(".") && !name.equals("..")
                && !name.startsWith("-") && name.chars().allMatch(ch -> ch > 32 && ch < 127 && ch != '/' && ch != ':');
        if (!valid) {
            throw new PluginException(PluginException.Reason.INVALID, "invalid bridge name " + name + ": not a valid interface name");
        }
    }

    static String alias(NetworkSpec spec) {
        return "gantry:" + spec.id().substring(0, 12);
    }

    static boolean exists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /** Whether {@code name} is a bridge Gantry made for this network. */
    static boolean ours(String name, NetworkSpec spec) {
        Path sys = Path.of("/sys/class/net", name);
        if (!Files.isDirectory(sys.resolve("bridge"))) {
            return false;
        }
        if (name.equals(BridgeNetworkDriver.defaultBridgeName(spec))) {
            return true;
        }
        try {
            return Files.readString(sys.resolve("ifalias")).strip().equals(alias(spec));
        } catch (IOException e) {
            return false;
        }
    }

    /** Refuses an existing interface that is not this network's own bridge. */
    static void checkUsable(String name, NetworkSpec spec) {
        if (exists(name) && !ours(name, spec)) {
            throw PluginException.conflict("cannot use interface " + name + " for network " + spec.name()
                    + ": it exists on the host and is not a bridge Gantry made for this network");
        }
    }
}
