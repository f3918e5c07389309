package dev.gantry.tui.state;

/** The state of the connection to the engine: connected, or disconnected with why and when the next try is. */
public record Link(boolean connected, String reason, long retryAtMillis) {
    public static final Link CONNECTING = new Link(false, "connecting", 0);

    public static Link up() {
        return new Link(true, "", 0);
    }

    public static Link down(String reason, long retryAtMillis) {
        return new Link(false, reason, retryAtMillis);
    }
}
