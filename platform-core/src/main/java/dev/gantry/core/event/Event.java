package dev.gantry.core.event;

import java.util.Map;

/**
 * One Docker event: something happened to an object.
 *
 * @param type       {@code container}, {@code image}, {@code volume}, {@code network}, {@code daemon}, {@code plugin}, {@code builder}
 * @param action     {@code create}, {@code start}, {@code die}, {@code pull}, ... (may carry a suffix such as
 *                   {@code exec_start: sh -c true} or {@code health_status: healthy}, as Docker's do)
 * @param actorId    the object's id (or name, for volumes and images by reference)
 * @param attributes the object's name, image, labels, exit code and such
 * @param timeNano   when, in nanoseconds since the epoch
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
    public Event {
        attributes = Map.copyOf(attributes);
    }

    public static Event now(String type, String action, String actorId, Map<String, String> attributes) {
        java.time.Instant t = java.time.Instant.now();
        return new Event(type, action, actorId, attributes, t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    /** The action without its suffix: {@code exec_start: sh} is {@code exec_start}. */
    public String baseAction() {
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon);
    }
}
