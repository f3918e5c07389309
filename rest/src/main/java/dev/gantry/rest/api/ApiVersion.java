package dev.gantry.rest.api;

import dev.gantry.core.EngineException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker API version ({@code 1.51}) and the {@code /v1.51/...} path prefix that carries it. Docker compares
 * versions numerically, part by part: 1.9 is older than 1.24.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    private static final Pattern PREFIX = Pattern.compile("^/v([0-9]+)\\.([0-9]+)(/.*)?$");

    public static final ApiVersion CURRENT = parse("1.51");
    public static final ApiVersion MINIMUM = parse("1.24");

    public static ApiVersion parse(String s) {
        String[] parts = s.split("\\.");
        if (parts.length != 2) {
            throw EngineException.invalid("invalid API version " + s);
        }
        return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /** A path split into its version prefix and the rest, if it has a prefix. */
    public record Prefixed(ApiVersion version, String path) {
    }

    public static Optional<Prefixed> split(String path) {
        Matcher m = PREFIX.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            ApiVersion v = new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            return Optional.of(new Prefixed(v, m.group(3) == null ? "/" : m.group(3)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Docker's refusal of a version it does not serve, or empty when it is served. */
    public Optional<String> refusal() {
        if (compareTo(CURRENT) > 0) {
            return Optional.of("client version " + this + " is too new. Maximum supported API version is " + CURRENT);
        }
        if (compareTo(MINIMUM) < 0) {
            return Optional.of("client version " + this + " is too old. Minimum supported API version is " + MINIMUM
                    + ", please upgrade your client to a newer version");
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
