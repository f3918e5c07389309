package dev.gantry.rest.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;

/**
 * dockerd reads the bodies of its stream endpoints (archives, image tars, build contexts) whatever their
 * {@code Content-Type} says, and docker-java (so Testcontainers) sends {@code APPLICATION_X_TAR}, its enum's
 * name, with {@code PUT /containers/{id}/archive}. JAX-RS would refuse that header with 415 before any resource
 * runs, so a header that is no media type at all is dropped, and the request reads as one without a type.
 */
final class ContentTypes {
    private ContentTypes() {
    }

    static void dropUnreadable(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !readable(type)) {
            request.headers().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    static boolean readable(String type) {
        try {
            MediaType.valueOf(type);
            return type.indexOf('/') > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
