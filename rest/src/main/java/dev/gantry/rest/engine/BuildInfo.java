package dev.gantry.rest.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version facts stamped into the jar at build time (see gantry-build.properties). */
public record BuildInfo(String version, String gitCommit, String buildTime) {
    public static final String API_VERSION = "1.51";
    public static final String MIN_API_VERSION = "1.24";
    /**
     * The Docker Engine release that serves {@link #API_VERSION}: {@code /version}'s {@code Version} and
     * {@code /info}'s {@code ServerVersion}, which clients compare (Testcontainers refuses anything below 1.6.0).
     * Gantry's own version is in the Gantry component, {@code Platform.Name} and {@code /gantry/v1}.
     * Move it with {@link #API_VERSION}.
     */
    public static final String DOCKER_ENGINE_VERSION = "28.3.3";

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/gantry-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("version", "dev"), p.getProperty("commit", "unknown"),
                p.getProperty("time", ""));
    }
}
