package dev.gantry.core.container;

import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.HealthConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Docker's rules for merging a create request's {@code Config} over the image's config. */
final class CreateConfig {
    private CreateConfig() {
    }

    static ContainerConfig merge(ContainerConfig user, ContainerConfig image, String shortId) {
        var cmd = user.cmd();
        var entrypoint = user.entrypoint();
        boolean userEntrypoint = entrypoint != null && !entrypoint.isEmpty();
        if (!userEntrypoint) {
            if (cmd == null || cmd.isEmpty()) {
                cmd = image.cmd();
            }
            if (entrypoint == null) {
                entrypoint = image.entrypoint();
            }
        }
        HealthConfig health = user.healthcheck() == null ? image.healthcheck() : user.healthcheck().over(image.healthcheck());
        return new ContainerConfig(user.hostname().isEmpty() ? shortId : user.hostname(), user.domainname(),
                or(user.user(), image.user()), user.attachStdin(), user.attachStdout(), user.attachStderr(),
                union(image.exposedPorts(), user.exposedPorts()), user.tty(), user.openStdin(), user.stdinOnce(),
                EnvVars.mergeConfig(image.envOrEmpty(), user.envOrEmpty()), cmd, health, user.argsEscaped(),
                user.image(), union(image.volumes(), user.volumes()), or(user.workingDir(), image.workingDir()),
                entrypoint, user.networkDisabled(), user.macAddress(), user.onBuild(),
                union(image.labels(), user.labels()), user.stopSignal() != null ? user.stopSignal() : image.stopSignal(),
                user.stopTimeout(), user.shell());
    }

    private static String or(String v, String fallback) {
        return v.isEmpty() ? fallback : v;
    }

    private static Set<String> union(Set<String> image, Set<String> user) {
        if (image == null && user == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>(image == null ? Set.of() : image);
        out.addAll(user == null ? Set.of() : user);
        return out;
    }

    private static Map<String, String> union(Map<String, String> image, Map<String, String> user) {
        if (image == null && user == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>(image == null ? Map.of() : image);
        out.putAll(user == null ? Map.of() : user);
        return out;
    }
}
