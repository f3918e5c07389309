package dev.gantry.spi.scan;

/**
 * One thing a scanner found.
 *
 * @param type     what sort of finding
 * @param id       a stable identifier: a CVE id, a package name, a rule id
 * @param severity {@code UNKNOWN}, {@code LOW}, {@code MEDIUM}, {@code HIGH} or {@code CRITICAL}
 * @param title    one line for a person
 * @param location where in the image: a path, or a package name and version
 */
public record Finding(Type type, String id, String severity, String title, String location) {
    public enum Type { PACKAGE, VULNERABILITY, SECRET, MISCONFIGURATION }
}
