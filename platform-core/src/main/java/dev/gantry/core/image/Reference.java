package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference with Docker's normalisation: {@code busybox} is {@code docker.io/library/busybox:latest},
 * {@code 127.0.0.1:5000/app:1} keeps its registry. Stored in full, shown in Docker's familiar form.
 *
 * @param domain     registry host ({@code docker.io} for Docker Hub)
 * @param path       repository path ({@code library/busybox})
 * @param tag        the tag, when given or defaulted
 * @param digest     the digest, when given ({@code sha256:...})
 */
public record Reference(String domain, String path, Optional<String> tag, Optional<String> digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** Distribution's grammar: DNS labels or an IPv4 address, or an IPv6 address in brackets; an optional port. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");

    /** Parses a reference as the docker CLI writes it; a missing tag becomes {@code latest} unless a digest is given. */
    public static Reference parse(String s) {
        if (s == null || s.isBlank()) {
            throw EngineException.invalid("invalid reference format: repository name must have at least one component");
        }
        String rest = s;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest.get()).matches()) {
                throw EngineException.invalid("invalid reference format: bad digest in " + s);
            }
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) {
                throw EngineException.invalid("invalid reference format: bad tag in " + s);
            }
        }
        String domain = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                domain = first;
                path = rest.substring(slash + 1);
            }
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("invalid reference format: " + s);
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            throw EngineException.invalid("invalid reference format: repository name (" + path + ") must be lowercase");
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw EngineException.invalid("invalid reference format: " + s);
            }
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new Reference(domain, path, tag, digest);
    }

    /** The repository in full: {@code docker.io/library/busybox}. */
    public String repository() {
        return domain + "/" + path;
    }

    /** The repository as Docker shows it: {@code busybox}, {@code 127.0.0.1:5000/app}. */
    public String familiarRepository() {
        if (domain.equals(DOCKER_HUB)) {
            return path.startsWith("library/") ? path.substring("library/".length()) : path;
        }
        return repository();
    }

    public Reference withTag(String newTag) {
        return new Reference(domain, path, Optional.of(newTag), Optional.empty());
    }

    /** Full form, as stored: {@code docker.io/library/busybox:latest} or {@code ...@sha256:...}. */
    @Override
    public String toString() {
        return repository() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    /** Familiar form, as shown: {@code busybox:latest}. */
    public String familiar() {
        return familiarRepository() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
