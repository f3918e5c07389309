package dev.gantry.core.container.store;

import static dev.gantry.core.container.store.ContainerConfigDocument.map;
import static dev.gantry.core.container.store.HostConfigDocument.bool;
import static dev.gantry.core.container.store.HostConfigDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.config.MountSpec;
import java.util.ArrayList;
import java.util.List;

/** {@code HostConfig.Mounts} entries in Docker's {@code mount.Mount} form, every unset field left out. */
final class MountSpecDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MountSpecDocument() {
    }

    static List<MountSpec> read(JsonNode n) {
        return HostResourcesDocument.list(n, MountSpecDocument::mount);
    }

    static JsonNode write(List<MountSpec> l) {
        return HostResourcesDocument.array(l, MountSpecDocument::mount);
    }

    private static MountSpec mount(JsonNode m) {
        JsonNode b = m.get("BindOptions");
        JsonNode v = m.get("VolumeOptions");
        JsonNode i = m.get("ImageOptions");
        JsonNode t = m.get("TmpfsOptions");
        return new MountSpec(text(m, "Type"), text(m, "Source"), text(m, "Target"), bool(m, "ReadOnly"),
                text(m, "Consistency"),
                given(b) ? new MountSpec.Bind(text(b, "Propagation"), bool(b, "NonRecursive"),
                        bool(b, "CreateMountpoint"), bool(b, "ReadOnlyNonRecursive"), bool(b, "ReadOnlyForceRecursive")) : null,
                given(v) ? new MountSpec.Volume(bool(v, "NoCopy"), map(v.get("Labels")), text(v, "Subpath"),
                        given(v.get("DriverConfig")), text(v.path("DriverConfig"), "Name"),
                        map(v.path("DriverConfig").get("Options"))) : null,
                given(i) ? new MountSpec.Image(text(i, "Subpath")) : null,
                given(t) ? new MountSpec.Tmpfs(t.path("SizeBytes").asLong(0), t.path("Mode").asInt(0),
                        HostResourcesDocument.list(t.get("Options"), o -> {
                            List<String> kv = new ArrayList<>();
                            o.forEach(e -> kv.add(e.asText()));
                            return kv;
                        })) : null);
    }

    private static JsonNode mount(MountSpec m) {
        ObjectNode o = F.objectNode();
        putText(o, "Type", m.type());
        putText(o, "Source", m.source());
        putText(o, "Target", m.target());
        putTrue(o, "ReadOnly", m.readOnly());
        putText(o, "Consistency", m.consistency());
        if (m.bind() != null) {
            ObjectNode b = o.putObject("BindOptions");
            putText(b, "Propagation", m.bind().propagation());
            putTrue(b, "NonRecursive", m.bind().nonRecursive());
            putTrue(b, "CreateMountpoint", m.bind().createMountpoint());
            putTrue(b, "ReadOnlyNonRecursive", m.bind().readOnlyNonRecursive());
            putTrue(b, "ReadOnlyForceRecursive", m.bind().readOnlyForceRecursive());
        }
        if (m.volume() != null) {
            ObjectNode v = o.putObject("VolumeOptions");
            putTrue(v, "NoCopy", m.volume().noCopy());
            if (m.volume().labels() != null && !m.volume().labels().isEmpty()) {
                v.set("Labels", map(m.volume().labels()));
            }
            putText(v, "Subpath", m.volume().subpath());
            if (m.volume().hasDriver()) {
                ObjectNode d = v.putObject("DriverConfig");
                putText(d, "Name", m.volume().driverName());
                if (m.volume().driverOptions() != null && !m.volume().driverOptions().isEmpty()) {
                    d.set("Options", map(m.volume().driverOptions()));
                }
            }
        }
        if (m.image() != null) {
            putText(o.putObject("ImageOptions"), "Subpath", m.image().subpath());
        }
        if (m.tmpfs() != null) {
            ObjectNode t = o.putObject("TmpfsOptions");
            if (m.tmpfs().sizeBytes() != 0) {
                t.put("SizeBytes", m.tmpfs().sizeBytes());
            }
            if (m.tmpfs().mode() != 0) {
                t.put("Mode", m.tmpfs().mode());
            }
            if (m.tmpfs().options() != null && !m.tmpfs().options().isEmpty()) {
                t.set("Options", HostResourcesDocument.array(m.tmpfs().options(), ContainerConfigDocument::strings));
            }
        }
        return o;
    }

    private static boolean given(JsonNode n) {
        return n != null && n.isObject();
    }

    private static void putText(ObjectNode o, String field, String v) {
        if (!v.isEmpty()) {
            o.put(field, v);
        }
    }

    private static void putTrue(ObjectNode o, String field, boolean v) {
        if (v) {
            o.put(field, true);
        }
    }
}
