package dev.gantry.rest.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.builder.BuildFailure;
import dev.gantry.core.builder.ImageBuilder;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.Reference;
import dev.gantry.core.registry.Credentials;
import dev.gantry.rest.api.JsonMaps;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.gantry.core.container.store.HostConfigDocument;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The legacy builder's API: {@code POST /build} with a tar context, and {@code POST /build/prune}. */
@Path("/build")
public class BuildResource {
    private static final Logger LOG = Logger.getLogger(BuildResource.class);
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    private final ImageBuilder builder;
    private final ImageStore images;
    private final dev.gantry.rest.hooks.HookGate hooks;

    BuildResource(ImageBuilder builder, ImageStore images, dev.gantry.rest.hooks.HookGate hooks) {
        this.hooks = hooks;
        this.builder = builder;
        this.images = images;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response build(InputStream context, @QueryParam("t") List<String> tags,
                          @QueryParam("dockerfile") @DefaultValue("Dockerfile") String dockerfile,
                          @QueryParam("buildargs") String buildArgs, @QueryParam("nocache") @DefaultValue("false") boolean noCache,
                          @QueryParam("target") @DefaultValue("") String target, @QueryParam("labels") String labels,
                          @QueryParam("q") @DefaultValue("false") boolean quiet, @QueryParam("rm") @DefaultValue("true") boolean rm,
                          @QueryParam("forcerm") @DefaultValue("false") boolean forceRm,
                          @QueryParam("pull") @DefaultValue("false") boolean pull, @QueryParam("cachefrom") List<String> cacheFrom,
                          @QueryParam("extrahosts") List<String> extraHosts,
                          @QueryParam("networkmode") @DefaultValue("") String networkMode,
                          @QueryParam("shmsize") @DefaultValue("0") long shmSize, @QueryParam("memory") @DefaultValue("0") long memory,
                          @QueryParam("memswap") @DefaultValue("0") long memSwap,
                          @QueryParam("cpushares") @DefaultValue("0") long cpuShares,
                          @QueryParam("cpuquota") @DefaultValue("0") long cpuQuota,
                          @QueryParam("cpuperiod") @DefaultValue("0") long cpuPeriod,
                          @QueryParam("cpusetcpus") @DefaultValue("") String cpusetCpus,
                          @HeaderParam("X-Registry-Config") String registryConfig) throws IOException {
        List<Reference> refs = new ArrayList<>();
        for (String t : tags == null ? List.<String>of() : tags) {
            if (!t.isBlank()) {
                try {
                    refs.add(Reference.parse(t));
                } catch (IllegalArgumentException | EngineException e) {
                    throw EngineException.invalid("invalid reference format: " + t);
                }
            }
        }
        ObjectNode hostConfig = JsonNodeFactory.instance.objectNode();
        hostConfig.put("NetworkMode", networkMode.isEmpty() || networkMode.equals("default") ? "bridge" : networkMode);
        putPositive(hostConfig, "ShmSize", shmSize);
        putPositive(hostConfig, "Memory", memory);
        putPositive(hostConfig, "MemorySwap", memSwap);
        putPositive(hostConfig, "CpuShares", cpuShares);
        putPositive(hostConfig, "CpuQuota", cpuQuota);
        putPositive(hostConfig, "CpuPeriod", cpuPeriod);
        if (!cpusetCpus.isEmpty()) {
            hostConfig.put("CpusetCpus", cpusetCpus);
        }
        List<String> hosts = names(extraHosts);
        if (!hosts.isEmpty()) {
            var h = hostConfig.putArray("ExtraHosts");
            hosts.forEach(e -> h.add(hostEntry(e)));
        }
        ImageBuilder.Options options = new ImageBuilder.Options(refs, dockerfile, strings(buildArgs), noCache,
                Optional.of(target), strings(labels), rm, forceRm, pull,
                names(cacheFrom), HostConfigDocument.read(hostConfig), registryAuth(registryConfig));
        hooks.beforeBuild(options, hostConfig);
        StreamingOutput stream = out -> {
            try {
                hooks.afterBuild(builder.build(context, options, new Lines(out, quiet)));
            } catch (BuildFailure e) {
                error(out, e.getMessage(), e.code());
            } catch (EngineException e) {
                error(out, e.getMessage(), 1);
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "build failed");
                error(out, String.valueOf(e.getMessage()), 1);
            }
        };
        return Response.ok(stream, MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, Credentials> registryAuth(String header) {
        try {
            return Credentials.fromConfigHeader(header);
        } catch (IllegalArgumentException | EngineException e) {
            throw EngineException.invalid(e.getMessage());
        }
    }

    private static void putPositive(ObjectNode n, String field, long value) {
        if (value > 0) {
            n.put(field, value);
        }
    }

    private static Map<String, String> strings(String json) throws IOException {
        return json == null || json.isBlank() ? Map.of() : JsonMaps.strings(JSON.readTree(json));
    }

    /**
     * A list parameter in every form clients send it: a JSON array (the CLI's and docker-py's {@code cachefrom}),
     * the parameter repeated (docker-py's {@code extrahosts}), or one plain value.
     */
    private static List<String> names(List<String> values) throws IOException {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            String t = v.strip();
            if (t.startsWith("[")) {
                JsonNode list;
                try {
                    list = JSON.readTree(t);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw EngineException.invalid("invalid list parameter " + t + ": " + e.getOriginalMessage());
                }
                list.forEach(n -> out.add(n.asText()));
            } else if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code host=ip}, which the CLI's --add-host also takes, as the {@code host:ip} a container's ExtraHosts holds. */
    private static String hostEntry(String entry) {
        int eq = entry.indexOf('=');
        int colon = entry.indexOf(':');
        if (eq > 0 && (colon < 0 || eq < colon)) {
            return entry.substring(0, eq) + ":" + entry.substring(eq + 1);
        }
        if (colon <= 0) {
            throw EngineException.invalid("invalid IP address in add-host: \"" + entry + "\"");
        }
        return entry;
    }

    /**
     * {@code docker builder prune}: the cache entries the filters select (all without any) go, and the untagged
     * step images they kept with them ({@link BuildCachePrune}).
     */
    @POST
    @Path("prune")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode prune(@QueryParam("filters") String filters) {
        return BuildCachePrune.prune(filters, builder.cache(), images);
    }

    private static void error(OutputStream out, String message, int code) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject("errorDetail").put("code", code).put("message", message);
        n.put("error", message);
        write(out, n);
    }

    private static void write(OutputStream out, JsonNode n) {
        try {
            out.write((n.toString() + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }

    /** The build's progress as Docker's JSON lines; with {@code q} only the result. */
    private record Lines(OutputStream out, boolean quiet) implements ImageBuilder.Output {
        @Override
        public void stream(String text) {
            if (!quiet) {
                write(out, JsonNodeFactory.instance.objectNode().put("stream", text));
            }
        }

        @Override
        public void aux(String imageId) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.putObject("aux").put("ID", imageId);
            write(out, n);
            if (quiet) {
                write(out, JsonNodeFactory.instance.objectNode().put("stream", imageId + "\n"));
            }
        }
    }
}
