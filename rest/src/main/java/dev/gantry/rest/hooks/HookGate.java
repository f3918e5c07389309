package dev.gantry.rest.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.builder.ImageBuilder;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.Reference;
import dev.gantry.core.state.Documents;
import dev.gantry.hooks.HookEvent;
import dev.gantry.hooks.Hooks;
import dev.gantry.rest.images.ImagesResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * Where the Docker API asks the policy hooks, one call per endpoint, while the request is still Docker's JSON.
 * A denial leaves as {@code EngineException} FORBIDDEN: 403 {@code {"message": "denied by hook NAME: reason"}},
 * which {@code docker run} prints and exits 125 on. Payloads are built only when a hook handles the event.
 */
@ApplicationScoped
public class HookGate {
    private final HookService service;
    private final DockerEngineAccess access;
    private final Instance<ImagesResource> images;
    private final ScanSummaries scans;

    HookGate(HookService service, DockerEngineAccess access, Instance<ImagesResource> images, ScanSummaries scans) {
        this.service = service;
        this.access = access;
        this.images = images;
        this.scans = scans;
    }

    /** A create as the hooks left it: the container's name and Docker's create body. */
    public record Create(String name, JsonNode body) {
    }

    /**
     * {@code beforeCreate(req)}: {@code req} is a copy of the create body plus {@code name} and {@code image}
     * (the image's inspect JSON plus {@code scan}, its last scan's summary or null; {@code image} is null when
     * there is no such image); the create goes on with what the hooks return, less {@code name} and {@code image}.
     */
    public Create beforeCreate(String name, JsonNode body) {
        Hooks hooks = service.hooks();
        if (!hooks.handles(HookEvent.BEFORE_CREATE)) {
            return new Create(name, body);
        }
        ObjectNode req = body.deepCopy();
        req.put("name", name == null ? "" : name);
        String image = body.path("Image").asText("");
        JsonNode inspected;
        try {
            inspected = image.isEmpty() ? null : images.get().inspect(image);
        } catch (RuntimeException e) {
            inspected = null;
        }
        if (inspected instanceof ObjectNode o) {
            o.set("scan", scans.of(o.path("Id").asText("")));
        }
        req.set("image", inspected == null ? JsonNodeFactory.instance.nullNode() : inspected);
        JsonNode out = hooks.require(HookEvent.BEFORE_CREATE, List.of(req));
        ObjectNode changed = out.deepCopy();
        String newName = changed.path("name").asText("");
        changed.remove("name");
        changed.remove("image");
        return new Create(newName.isEmpty() ? null : newName, changed);
    }

    /** {@code beforeStart(ctr)} with the container's inspect JSON. */
    public void beforeStart(String id) {
        Hooks hooks = service.hooks();
        if (hooks.handles(HookEvent.BEFORE_START)) {
            hooks.require(HookEvent.BEFORE_START, List.of(access.inspectContainer(id)));
        }
    }

    /** {@code beforeExec(ctr, exec)}: the container's inspect JSON and the exec create body. */
    public void beforeExec(String id, JsonNode body) {
        Hooks hooks = service.hooks();
        if (hooks.handles(HookEvent.BEFORE_EXEC)) {
            hooks.require(HookEvent.BEFORE_EXEC, List.of(access.inspectContainer(id), body.deepCopy()));
        }
    }

    public void beforePull(Reference ref) {
        reference(HookEvent.BEFORE_PULL, ref);
    }

    public void beforePush(Reference ref) {
        reference(HookEvent.BEFORE_PUSH, ref);
    }

    /** {@code ref}: {name (full), familiar, registry, repository, tag, digest}. */
    private void reference(HookEvent event, Reference ref) {
        Hooks hooks = service.hooks();
        if (hooks.handles(event)) {
            ObjectNode r = JsonNodeFactory.instance.objectNode().put("name", ref.toString()).put("familiar", ref.familiar())
                    .put("registry", ref.domain()).put("repository", ref.path());
            r.put("tag", ref.tag().orElse(null));
            r.put("digest", ref.digest().orElse(null));
            hooks.require(event, List.of(r));
        }
    }

    /**
     * {@code beforeBuild(opts)}: the build's tags, Dockerfile, args, labels, target and resource settings
     * ({@code hostConfig}: the fields the build's query gave, in Docker's HostConfig form).
     */
    public void beforeBuild(ImageBuilder.Options options, JsonNode hostConfig) {
        Hooks hooks = service.hooks();
        if (hooks.handles(HookEvent.BEFORE_BUILD)) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            var tags = o.putArray("tags");
            options.tags().forEach(t -> tags.add(t.familiar()));
            o.put("dockerfile", options.dockerfile());
            o.set("buildArgs", Documents.MAPPER.valueToTree(options.buildArgs()));
            o.set("labels", Documents.MAPPER.valueToTree(options.labels()));
            o.put("target", options.target().orElse(""));
            o.put("noCache", options.noCache());
            o.put("pull", options.pull());
            o.set("hostConfig", hostConfig.deepCopy());
            hooks.require(HookEvent.BEFORE_BUILD, List.of(o));
        }
    }

    /** {@code afterBuild(image)}: the built image's inspect JSON, after the fact. */
    public void afterBuild(ImageRecord image) {
        service.hooks().observe(HookEvent.AFTER_BUILD, () -> List.of(service.image(image.id().toString())));
    }
}
