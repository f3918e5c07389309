package dev.gantry.core.registry;

import java.util.Set;

/** The manifest and blob media types of Docker's schema 2 and of OCI. */
final class MediaTypes {
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);
    static final Set<String> INDEXES = Set.of(DOCKER_LIST, OCI_INDEX);

    private MediaTypes() {
    }

    static boolean gzip(String layerMediaType) {
        return layerMediaType != null && (layerMediaType.endsWith(".gzip") || layerMediaType.endsWith("+gzip"));
    }
}
