package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.core.container.config.HostConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Docker's log drivers as Gantry has them. {@code json-file} and {@code local} both keep the log conmon writes
 * (rotated by {@code max-size} and {@code max-file}); {@code none} keeps none that can be read: conmon still
 * writes a small file, capped at {@link #NONE_RELAY_BYTES}, because attached clients read the output from it,
 * and it goes soon after the container stops. Create checks the driver and its options as dockerd does, with
 * dockerd's words.
 */
public final class LogDrivers {
    public static final String NONE = "none";
    /** The cap on the file that relays a {@code none} container's output to attached clients. */
    static final long NONE_RELAY_BYTES = 1 << 20;
    private static final Set<String> COMMON = Set.of("max-file", "max-size", "compress", "labels", "labels-regex",
            "env", "env-regex", "tag");
    private static final Map<String, Set<String>> OPTIONS = Map.of("json-file", COMMON, "local", COMMON);
    /** dockerd's other built-in drivers: known, but they send logs where Gantry does not. */
    private static final Set<String> ELSEWHERE = Set.of("syslog", "journald", "gelf", "fluentd", "awslogs", "splunk",
            "etwlogs", "gcplogs", "logentries");
    /** Options every driver takes (dockerd's log modes). */
    private static final Set<String> BUILT_IN = Set.of("mode", "max-buffer-size");

    private LogDrivers() {
    }

    /** The driver a container's {@code HostConfig} names. */
    public static String type(HostConfig hostConfig) {
        String type = hostConfig.logConfig().type();
        return type.isEmpty() ? "json-file" : type;
    }

    /** Whether {@code docker logs} can read what the driver kept. */
    public static boolean readable(HostConfig hostConfig) {
        return !type(hostConfig).equals(NONE);
    }

    /** Refuses what dockerd refuses at create: an unknown driver, an unknown option or a value it cannot take. */
    static void validate(String type, Map<String, String> options) {
        if (type.equals(NONE)) {
            return; // dockerd takes any option for none, and uses none
        }
        String mode = options.getOrDefault("mode", "");
        if (!mode.isEmpty() && !mode.equals("blocking") && !mode.equals("non-blocking")) {
            throw EngineException.invalid("logger: logging mode not supported: " + mode);
        }
        if (options.containsKey("max-buffer-size")) {
            if (!mode.equals("non-blocking")) {
                throw EngineException.invalid("logger: max-buffer-size option is only supported with 'mode=non-blocking'");
            }
            size(options, "max-buffer-size");
        }
        Set<String> known = OPTIONS.get(type);
        if (known == null) {
            throw EngineException.invalid(ELSEWHERE.contains(type) ? "logging driver " + type + " is not supported by Gantry"
                    + " (json-file, local and none are)" : "logger: no log driver named '" + type + "' is registered");
        }
        options.keySet().forEach(k -> {
            if (!known.contains(k) && !BUILT_IN.contains(k)) {
                throw EngineException.invalid(type.equals("local") ? "unknown log opt '" + k + "' for log driver local"
                        : "unknown log opt '" + k + "' for " + type + " log driver");
            }
        });
        long maxSize = options.containsKey("max-size") ? size(options, "max-size") : -1;
        int maxFile = options.containsKey("max-file") ? count(options.get("max-file")) : type.equals("local") ? 5 : 1;
        if (type.equals("json-file")) {
            if (options.containsKey("max-size") && maxSize <= 0) {
                throw EngineException.invalid("max-size must be a positive number");
            }
            if (maxFile < 1) {
                throw EngineException.invalid("max-file cannot be less than 1");
            }
            if (flag(options, "compress", false) && (maxFile == 1 || maxSize < 0)) {
                throw EngineException.invalid("compress cannot be true when max-file is less than 2 or max-size is not set");
            }
        } else {
            if (maxFile < 0) {
                throw EngineException.invalid("max-file must not be negative");
            }
            if (flag(options, "compress", true) && maxFile <= 1) {
                throw EngineException.invalid("compression cannot be enabled when max file count is 1");
            }
        }
    }

    /** How many files a log keeps unless {@code max-file} says: Docker's default for {@code local} is 5. */
    static int defaultFiles(HostConfig hostConfig, int configured) {
        return switch (type(hostConfig)) {
            case NONE -> 1;
            case "local" -> 5;
            default -> configured;
        };
    }

    private static long size(Map<String, String> options, String key) {
        String v = options.get(key);
        try {
            return Sizes.parse(v);
        } catch (EngineException e) {
            throw EngineException.invalid("invalid value for " + key + ": " + v);
        }
    }

    private static int count(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw EngineException.invalid("invalid value for max-file: " + v);
        }
    }

    private static boolean flag(Map<String, String> options, String key, boolean otherwise) {
        if (!options.containsKey(key)) {
            return otherwise;
        }
        String v = options.get(key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw EngineException.invalid("invalid boolean value for " + key + ": " + options.get(key));
        };
    }
}
