package dev.gantry.rest.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version facts stamped into the jar at build time (see gantry-build.properties). */
public record BuildInfo(String version, String gitCommit, String buildTime) {
    public static final String API_VERSION = "1.51";
    public static final String MIN_API_VERSION = "1.24";

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
