package dev.gantry.core.container.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A seccomp profile in Docker's format: rules that may depend on the container's capabilities and the host, and
 * either a fixed list of architectures or a map from the host's native architecture to the ones it also runs.
 * {@link #resolve} turns it into the OCI spec's {@code linux.seccomp} for one container on this host.
 *
 * @param defaultErrnoRet null for the kernel's EPERM
 * @param passThrough     OCI fields given by a user profile that apply as they are (flags, listener)
 */
public record SeccompProfile(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
                             Map<String, List<String>> archMap, List<SyscallRule> rules, Map<String, JsonNode> passThrough) {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public SeccompProfile {
        architectures = List.copyOf(architectures);
        archMap = Map.copyOf(archMap);
        rules = List.copyOf(rules);
        passThrough = Map.copyOf(passThrough);
    }

    /** The OCI {@code linux.seccomp} object for a container holding {@code caps} on this host. */
    public ObjectNode resolve(Set<String> caps) {
        return resolve(caps, Host.goArch(), Host.kernel());
    }

    ObjectNode resolve(Set<String> caps, String goArch, int[] kernel) {
        ObjectNode out = F.objectNode();
        out.put("defaultAction", defaultAction);
        if (defaultErrnoRet != null) {
            out.put("defaultErrnoRet", defaultErrnoRet);
        }
        ArrayNode arches = out.putArray("architectures");
        if (archMap.isEmpty()) {
            architectures.forEach(arches::add);
        } else {
            String nativeArch = Host.scmpArch(goArch);
            List<String> subs = archMap.get(nativeArch);
            if (subs != null) {
                arches.add(nativeArch);
                subs.forEach(arches::add);
            }
        }
        passThrough.forEach(out::set);
        ArrayNode syscalls = out.putArray("syscalls");
        for (SyscallRule r : rules) {
            if (!r.appliesTo(caps, goArch, kernel)) {
                continue;
            }
            ObjectNode s = syscalls.addObject();
            ArrayNode names = s.putArray("names");
            r.names().forEach(names::add);
            s.put("action", r.action());
            if (r.errnoRet() != null) {
                s.put("errnoRet", r.errnoRet());
            }
            if (!r.args().isEmpty()) {
                ArrayNode args = s.putArray("args");
                for (SeccompArg a : r.args()) {
                    args.addObject().put("index", a.index()).put("value", a.value()).put("valueTwo", a.valueTwo())
                            .put("op", a.op());
                }
            }
        }
        return out;
    }

    /** The facts of this host a profile may depend on. */
    static final class Host {
        private Host() {
        }

        /** Go's name for this machine, as Docker's profiles say it. */
        static String goArch() {
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            return switch (arch) {
                case "amd64", "x86_64" -> "amd64";
                case "aarch64", "arm64" -> "arm64";
                default -> arch;
            };
        }

        static String scmpArch(String goArch) {
            return switch (goArch) {
                case "amd64" -> "SCMP_ARCH_X86_64";
                case "arm64" -> "SCMP_ARCH_AARCH64";
                default -> "SCMP_ARCH_" + goArch.toUpperCase(Locale.ROOT);
            };
        }

        /** Major and minor of the running kernel ({@code os.version} is its release, e.g. 6.1.0-18-amd64). */
        static int[] kernel() {
            return parseKernel(System.getProperty("os.version", "0.0"));
        }

        static int[] parseKernel(String release) {
            String[] parts = release.split("[.-]");
            int[] v = new int[2];
            for (int i = 0; i < 2 && i < parts.length; i++) {
                try {
                    v[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    v[i] = 0;
                }
            }
            return v;
        }
    }
}
