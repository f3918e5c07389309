package dev.gantry.core.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a container's files live. The data directory ({@code <data-root>/containers/<id>}) holds the log and the
 * hostname, hosts and resolv.conf files and lives as long as the container; the bundle
 * ({@code <run-root>/containers/<id>}) holds the OCI config, the mounted root file system and conmon's files, and
 * lives from start to exit.
 */
public final class ContainerPaths {
    private final Path dataRoot;
    private final Path runRoot;

    public ContainerPaths(Path dataRoot, Path runRoot) throws IOException {
        this.dataRoot = dataRoot;
        this.runRoot = runRoot;
        Files.createDirectories(dataRoot.resolve("containers"));
        Files.createDirectories(runRoot.resolve("containers"));
    }

    public Path dataDir(String id) {
        return dataRoot.resolve("containers").resolve(id);
    }

    public Path bundle(String id) {
        return runRoot.resolve("containers").resolve(id);
    }

    public Path logFile(String id) {
        return dataDir(id).resolve("container.log");
    }

    public Path rootfs(String id) {
        return bundle(id).resolve("rootfs");
    }

    /** Where a read-only view or a stopped container's root is mounted for a moment. */
    public Path mountPoint(String key) {
        return runRoot.resolve("mnt").resolve(key);
    }

    public Path execDir(String execId) {
        return runRoot.resolve("execs").resolve(execId);
    }

    /** conmon's link to an attach socket, named by the container's short ID or an exec's. */
    public Path attachLink(String shortId) {
        return runRoot.resolve("sock").resolve(shortId);
    }

    public Path runRoot() {
        return runRoot;
    }
}
