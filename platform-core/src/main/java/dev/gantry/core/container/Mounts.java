package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.MountSpec;
import dev.gantry.core.container.config.ContainerConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.layer.SecurePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's mounts from its create request: {@code Binds} ({@code src:dst[:ro]}), {@code Mounts}
 * ({@code type=bind|volume|tmpfs}), {@code Tmpfs}, and anonymous volumes for the image's {@code VOLUME}s that
 * nothing else covers. Turned into OCI mounts at start.
 */
final class Mounts {
    private static final String VOLUME_CONFIG = "invalid mount config for type \"volume\": ";

    private Mounts() {
    }

    static List<MountPoint> parse(HostConfig hc, ContainerConfig config) {
        Map<String, MountPoint> byDest = new LinkedHashMap<>();
        for (String b : hc.bindsOrEmpty()) {
            MountPoint m = bind(b);
            put(byDest, m);
        }
        for (MountSpec m : hc.mountsOrEmpty()) {
            put(byDest, mount(m));
        }
        hc.tmpfsOrEmpty().forEach((path, opts) -> put(byDest, new MountPoint("tmpfs", "", "", clean(path), "", opts,
                true, "", opts)));
        config.volumesOrEmpty().forEach(dest -> {
            String d = clean(dest);
            if (!byDest.containsKey(d)) {
                byDest.put(d, new MountPoint("volume", Names.newId(), "", d, "local", "", true, "", "anonymous"));
            }
        });
        return new ArrayList<>(byDest.values());
    }

    private static void put(Map<String, MountPoint> byDest, MountPoint m) {
        if (byDest.containsKey(m.destination())) {
            throw EngineException.invalid("Duplicate mount point: " + m.destination());
        }
        byDest.put(m.destination(), m);
    }

    private static MountPoint bind(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw EngineException.invalid("invalid volume specification: '" + spec + "'");
        }
        String mode = parts.length == 3 ? parts[2] : "";
        boolean rw = !List.of(mode.split(",")).contains("ro");
        String dest = clean(parts[1]);
        if (parts[0].startsWith("/")) {
            return new MountPoint("bind", "", parts[0], dest, "", mode, rw, "rprivate", "");
        }
        checkVolumeName(parts[0]);
        return new MountPoint("volume", parts[0], "", dest, "local", mode.isEmpty() ? "z" : mode, rw, "", "");
    }

    private static MountPoint mount(MountSpec m) {
        String type = m.type().isEmpty() ? "volume" : m.type();
        String target = m.target();
        if (target.isEmpty()) {
            throw EngineException.invalid("invalid mount config: Target must not be empty");
        }
        boolean rw = !m.readOnly();
        String source = m.source();
        return switch (type) {
            case "bind" -> {
                if (!source.startsWith("/")) {
                    throw EngineException.invalid("invalid mount config for type \"bind\": invalid mount path: '" + source
                            + "' mount path must be absolute");
                }
                if (!Files.exists(Path.of(source))) {
                    throw EngineException.invalid("invalid mount config for type \"bind\": bind source path does not exist: " + source);
                }
                yield new MountPoint("bind", "", source, clean(target), "", "", rw, "rprivate", "");
            }
            case "volume" -> {
                String name = source.isEmpty() ? Names.newId() : source;
                if (!source.isEmpty()) {
                    checkVolumeName(source);
                }
                String subpath = m.volumeSubpath();
                if (!subpath.isEmpty() && source.isEmpty()) {
                    throw EngineException.invalid(VOLUME_CONFIG + "must not set Subpath when using anonymous volumes");
                }
                if (!subpath.isEmpty() && !SubpathMounts.isLocal(subpath)) {
                    throw EngineException.invalid(VOLUME_CONFIG + "subpath must be a relative path within the volume");
                }
                yield new MountPoint("volume", name, "", clean(target), "local", "z", rw, "", source.isEmpty() ? "anonymous" : "",
                        subpath);
            }
            case "tmpfs" -> {
                List<String> opts = new ArrayList<>();
                long size = m.tmpfs() == null ? 0 : m.tmpfs().sizeBytes();
                if (size > 0) {
                    opts.add("size=" + size);
                }
                int mode = m.tmpfs() == null ? 0 : m.tmpfs().mode();
                if (mode > 0) {
                    opts.add("mode=" + Integer.toOctalString(mode));
                }
                yield new MountPoint("tmpfs", "", "", clean(target), "", "", rw, "", String.join(",", opts));
            }
            default -> throw EngineException.invalid("invalid mount config: mount type unknown: \"" + type + "\"");
        };
    }

    static void checkVolumeName(String name) {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
            throw EngineException.invalid("create " + name + ": \"" + name + "\" includes invalid characters for a local volume name,"
                    + " only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }

    private static String clean(String dest) {
        if (!dest.startsWith("/")) {
            throw EngineException.invalid("invalid mount config: mount path must be absolute: " + dest);
        }
        String d = Path.of(dest).normalize().toString();
        return d;
    }

    /** The OCI mounts for a start; volumes are resolved (and filled from the image) through the provider. */
    static List<ObjectNode> toOci(Container c, VolumeProvider volumes, Path rootfs, Path runRoot) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        for (MountPoint m : c.mounts()) {
            ObjectNode o = ContainerStore.JSON.createObjectNode();
            o.put("destination", m.destination());
            ArrayNode opts = o.putArray("options");
            switch (m.type()) {
                case "tmpfs" -> {
                    o.put("type", "tmpfs");
                    o.put("source", "tmpfs");
                    opts.add("nosuid").add("nodev");
                    for (String opt : m.options().split(",")) {
                        if (!opt.isBlank()) {
                            opts.add(opt.trim());
                        }
                    }
                }
                case "bind" -> {
                    Path src = Path.of(m.source());
                    if (!Files.exists(src)) {
                        // Docker makes a missing bind source for -v (not for --mount)
                        Files.createDirectories(src);
                    }
                    o.put("type", "bind");
                    o.put("source", m.source());
                    opts.add("rbind").add("rprivate");
                }
                default -> {
                    Path inImage = SecurePaths.resolve(rootfs, m.destination().substring(1));
                    boolean whole = m.subpath().isEmpty();
                    // the image's files fill a new volume only where the volume itself is mounted
                    Path src = volumes.mountpoint(m.name(), whole && Files.isDirectory(inImage) ? Optional.of(inImage) : Optional.empty());
                    if (!whole) {
                        src = SubpathMounts.stage(runRoot, c.id(), out.size(), src, m.subpath());
                    }
                    o.put("type", "bind");
                    o.put("source", src.toString());
                    opts.add("rbind").add("rprivate");
                }
            }
            if (!m.rw()) {
                opts.add("ro");
            }
            out.add(o);
        }
        return out;
    }
}
