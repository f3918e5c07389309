package dev.gantry.core.container.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.EngineException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A container's {@code HostConfig.SecurityOpt}, read as dockerd reads it: {@code no-new-privileges[=bool]},
 * {@code seccomp=unconfined|builtin|<profile JSON>}, {@code apparmor=...} and {@code label=...} (accepted; this host
 * applies neither AppArmor nor SELinux, as dockerd on such a host). Anything else is refused with dockerd's words.
 *
 * @param userSeccomp       a profile given as JSON; empty for the built-in one
 * @param seccompUnconfined {@code seccomp=unconfined}: no filter
 */
public record SecurityOpts(boolean noNewPrivileges, Optional<SeccompProfile> userSeccomp, boolean seccompUnconfined) {
    private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");

    public static SecurityOpts parse(List<String> opts, ObjectMapper mapper) {
        boolean nnp = false;
        boolean unconfined = false;
        Optional<SeccompProfile> user = Optional.empty();
        for (String opt : opts) {
            if (opt.equals("no-new-privileges")) {
                nnp = true;
                continue;
            }
            if (opt.equals("disable")) {
                continue;
            }
            // "=" first: a profile's JSON holds ":" too; ":" is the separator of old clients
            int sep = opt.indexOf('=');
            if (sep < 0) {
                sep = opt.indexOf(':');
            }
            if (sep < 0) {
                throw refused(1, opt);
            }
            String key = opt.substring(0, sep);
            String value = opt.substring(sep + 1);
            switch (key) {
                case "label", "apparmor" -> {
                }
                case "seccomp" -> {
                    unconfined = value.equals("unconfined");
                    user = unconfined || value.equals("builtin") ? Optional.empty()
                            : Optional.of(UserSeccompProfile.parse(value, mapper));
                }
                case "no-new-privileges" -> {
                    if (TRUE.contains(value)) {
                        nnp = true;
                    } else if (FALSE.contains(value)) {
                        nnp = false;
                    } else {
                        throw refused(2, opt);
                    }
                }
                default -> throw refused(2, opt);
            }
        }
        return new SecurityOpts(nnp, user, unconfined);
    }

    /** dockerd's words; its create passes this error on unclassified, so the status is 500 there as here. */
    private static EngineException refused(int which, String opt) {
        return new EngineException(EngineException.Kind.FAILED, "invalid --security-opt " + which + ": \"" + opt + "\"");
    }

    /**
     * The OCI {@code linux.seccomp} for a container with these options and capabilities: none when privileged or
     * unconfined (as Docker), the user's profile if one was given, else the built-in one.
     */
    public Optional<com.fasterxml.jackson.databind.node.ObjectNode> seccomp(boolean privileged, Set<String> caps) {
        if (privileged || seccompUnconfined) {
            return Optional.empty();
        }
        return Optional.of(userSeccomp.orElseGet(DefaultSeccomp::profile).resolve(caps));
    }
}
