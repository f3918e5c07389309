package dev.gantry.core.container.security;

import java.util.List;
import java.util.Set;

/**
 * One rule of a seccomp profile as Docker's profile format writes it: the action for some system calls, optionally
 * only for some arguments, and only for containers (or hosts) that match its conditions.
 *
 * @param errnoRet the errno for {@code SCMP_ACT_ERRNO}, or null for the profile's default
 * @param when     all of these must hold for the rule to apply
 * @param unless   the rule is left out if any of these holds
 */
public record SyscallRule(List<String> names, String action, Integer errnoRet, List<SeccompArg> args,
                          Condition when, Condition unless) {
    public SyscallRule {
        names = List.copyOf(names);
        args = List.copyOf(args);
    }

    /**
     * What a rule may depend on: the container's capabilities, the host's architecture (Go's names: amd64, arm64...),
     * the host's kernel version.
     */
    public record Condition(Set<String> caps, Set<String> arches, int[] minKernel) {
        public static final Condition NONE = new Condition(Set.of(), Set.of(), null);

        public Condition {
            caps = Set.copyOf(caps);
            arches = Set.copyOf(arches);
        }

        boolean isEmpty() {
            return caps.isEmpty() && arches.isEmpty() && minKernel == null;
        }
    }

    /** Whether the rule applies to a container with {@code caps} on a host of {@code arch} running {@code kernel}. */
    boolean appliesTo(Set<String> caps, String arch, int[] kernel) {
        if (!unless.isEmpty()) {
            if (unless.arches().contains(arch) || unless.caps().stream().anyMatch(caps::contains)) {
                return false;
            }
        }
        if (!when.arches().isEmpty() && !when.arches().contains(arch)) {
            return false;
        }
        if (!caps.containsAll(when.caps())) {
            return false;
        }
        return when.minKernel() == null || compare(kernel, when.minKernel()) >= 0;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 2; i++) {
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
