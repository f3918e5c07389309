package dev.gantry.rest.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.event.EventFilter;
import dev.gantry.hooks.HookEvent;
import dev.gantry.hooks.Hooks;
import dev.gantry.rest.engine.GantryConfig;
import dev.gantry.rest.images.ImagesResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Starts the hooks on the configured directory and feeds them core's events: container and image events of the
 * event bus become observer calls ({@code afterExit} from {@code die}, ...). The bus calls its listeners on the
 * publishing thread, so the listener only queues; the container is inspected on the hooks' own thread.
 */
@Startup
@ApplicationScoped
public class HookService {
    private static final Logger LOG = Logger.getLogger(HookService.class);
    private final GantryConfig config;
    private final EventBus events;
    private final Tracer tracer;
    private final MeterRegistry meters;
    private final DockerEngineAccess access;
    private final Instance<ImagesResource> images;
    private Hooks hooks;
    private EventBus.Subscription subscription;

    HookService(GantryConfig config, EventBus events, Tracer tracer, MeterRegistry meters, DockerEngineAccess access,
                Instance<ImagesResource> images) {
        this.config = config;
        this.events = events;
        this.tracer = tracer;
        this.meters = meters;
        this.access = access;
        this.images = images;
    }

    @PostConstruct
    void start() {
        Path dir = config.hooks().dir().orElse(config.dataRoot().resolve("hooks"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.warnf("cannot make the hooks directory %s: %s", dir, e.getMessage());
        }
        hooks = new Hooks(dir, access, events, tracer, meters);
        hooks.start();
        subscription = events.subscribe(-1, EventFilter.ALL, this::observe);
    }

    public Hooks hooks() {
        return hooks;
    }

    void stop(@Observes ShutdownEvent ev) {
        if (subscription != null) {
            subscription.close();
        }
        if (hooks != null) {
            hooks.close();
        }
    }

    private void observe(Event e) {
        switch (e.type()) {
            case "container" -> container(e);
            case "image" -> {
                if (e.action().equals("pull")) {
                    hooks.observe(HookEvent.AFTER_PULL, () -> List.of(image(e.actorId())));
                }
            }
            default -> {
            }
        }
    }

    private void container(Event e) {
        switch (e.baseAction()) {
            case "create" -> hooks.observe(HookEvent.AFTER_CREATE, () -> List.of(container(e.actorId(), e)));
            case "start" -> hooks.observe(HookEvent.AFTER_START, () -> List.of(container(e.actorId(), e)));
            case "die" -> hooks.observe(HookEvent.AFTER_EXIT, () -> {
                JsonNode c = container(e.actorId(), e);
                ObjectNode exit = JsonNodeFactory.instance.objectNode()
                        .put("exitCode", Integer.parseInt(e.attributes().getOrDefault("exitCode", "0")))
                        .put("oomKilled", c.path("State").path("OOMKilled").asBoolean(false));
                return List.of(c, exit);
            });
            case "destroy" -> hooks.observe(HookEvent.AFTER_REMOVE, () -> List.of(gone(e)));
            case "health_status" -> hooks.observe(HookEvent.ON_HEALTH, () -> List.of(container(e.actorId(), e),
                    JsonNodeFactory.instance.textNode(e.action().substring(e.action().indexOf(':') + 1).trim())));
            default -> {
            }
        }
    }

    /** The container as {@code docker inspect} shows it; when it is already gone (--rm), what the event says. */
    private JsonNode container(String id, Event e) {
        return quietly(() -> access.inspectContainer(id), () -> gone(e));
    }

    private static JsonNode gone(Event e) {
        ObjectNode c = JsonNodeFactory.instance.objectNode().put("Id", e.actorId())
                .put("Name", "/" + e.attributes().getOrDefault("name", "")).put("Image", e.attributes().getOrDefault("image", ""));
        ObjectNode config = c.putObject("Config").put("Image", e.attributes().getOrDefault("image", ""));
        ObjectNode labels = config.putObject("Labels");
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            if (!List.of("name", "image", "exitCode", "signal", "execID").contains(a.getKey())) {
                labels.put(a.getKey(), a.getValue());
            }
        }
        return c;
    }

    JsonNode image(String id) {
        return quietly(() -> images.get().inspect(id), () -> JsonNodeFactory.instance.objectNode().put("Id", id));
    }

    private static JsonNode quietly(Supplier<JsonNode> s, Supplier<JsonNode> otherwise) {
        try {
            return s.get();
        } catch (RuntimeException ex) {
            return otherwise.get();
        }
    }
}
