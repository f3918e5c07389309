package dev.gantry.spi.plugin;

/**
 * Whether a plugin can work on this host, and if not, why. An unavailable plugin is listed with its reason
 * and never chosen.
 *
 * @param available true when the plugin may be initialised and used
 * @param reason    empty when available; otherwise a sentence a person can act on
 * @param detail    optional facts found while probing (e.g. the version of a tool), shown beside the plugin
 */
public record Availability(boolean available, String reason, String detail) {
    public Availability {
        reason = reason == null ? "" : reason;
        detail = detail == null ? "" : detail;
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable plugin must say why");
        }
    }

    public static Availability available(String detail) {
        return new Availability(true, "", detail);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason, "");
    }
}
