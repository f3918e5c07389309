package dev.gantry.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of image archives, read and written in one place: docker-archive's {@code manifest.json} and
 * {@code repositories}, and an OCI layout's {@code index.json} and image manifests. {@link ImageArchive} works on
 * what this gives.
 */
final class ArchiveManifests {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;

    private ArchiveManifests() {
    }

    /** One image of a docker-archive: its config file, its layer files bottom first, its tags. */
    record DockerEntry(String config, List<String> layers, List<String> repoTags) {
    }

    /** An image an OCI layout's index names: its manifest's digest and the name its annotations give, if any. */
    record OciDescriptor(String digest, String name) {
    }

    /** An OCI image manifest: config and layer digests, the layers' media type, or that it is a nested index. */
    record OciManifest(boolean nestedIndex, String config, List<String> layers, Optional<String> layerMediaType) {
    }

    static List<DockerEntry> dockerManifest(byte[] json) throws IOException {
        List<DockerEntry> out = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(json)) {
            out.add(new DockerEntry(entry.path("Config").asText(), texts(entry.path("Layers")), texts(entry.path("RepoTags"))));
        }
        return out;
    }

    static List<OciDescriptor> ociIndex(byte[] json) throws IOException {
        List<OciDescriptor> out = new ArrayList<>();
        for (JsonNode desc : JSON.readTree(json).path("manifests")) {
            JsonNode a = desc.path("annotations");
            out.add(new OciDescriptor(desc.path("digest").asText(),
                    a.path("io.containerd.image.name").asText(a.path("org.opencontainers.image.ref.name").asText(""))));
        }
        return out;
    }

    static OciManifest ociManifest(byte[] json) throws IOException {
        JsonNode m = JSON.readTree(json);
        List<String> layers = new ArrayList<>();
        m.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
        JsonNode first = m.path("layers").path(0).path("mediaType");
        return new OciManifest(m.has("manifests"), m.path("config").path("digest").asText(), layers,
                first.isTextual() ? Optional.of(first.asText()) : Optional.empty());
    }

    /** {@code manifest.json} of a docker-archive. */
    static byte[] dockerManifest(List<DockerEntry> entries) throws IOException {
        ArrayNode manifest = JSON.createArrayNode();
        for (DockerEntry e : entries) {
            ObjectNode m = manifest.addObject();
            m.put("Config", e.config());
            ArrayNode tags = m.putArray("RepoTags");
            e.repoTags().forEach(tags::add);
            ArrayNode layers = m.putArray("Layers");
            e.layers().forEach(layers::add);
        }
        return JSON.writeValueAsBytes(manifest);
    }

    /** {@code repositories} of a docker-archive: repository, tag, top layer's diffID hex. */
    static byte[] repositories(Map<String, Map<String, String>> repositories) throws IOException {
        return JSON.writeValueAsBytes(new LinkedHashMap<>(repositories));
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
