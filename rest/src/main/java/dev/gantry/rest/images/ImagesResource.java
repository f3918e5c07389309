package dev.gantry.rest.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.ImageArchive;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.Reference;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.rest.api.ErrorMappers;
import dev.gantry.rest.api.Filters;
import dev.gantry.rest.api.PruneFilters;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Docker API for local images: list, inspect, history, tag, remove, prune, load and save. */
@Path("/images")
public class ImagesResource {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ImagesResource.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ImageStore images;
    private final ImageArchive archive;
    private final PluginRegistry plugins;

    private final dev.gantry.core.builder.ImageBuilder builder;

    ImagesResource(ImageStore images, ImageArchive archive, PluginRegistry plugins,
                   dev.gantry.core.builder.ImageBuilder builder) {
        this.builder = builder;
        this.images = images;
        this.archive = archive;
        this.plugins = plugins;
    }

    /**
     * On the event loop: the image list is in memory ({@code ImageIndex}). Only when some image is untagged and
     * {@code all} is not asked does it need the build cache's intermediate images (a SQLite read), and then the
     * answer is made on a worker thread.
     */
    @GET
    @Path("json")
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ArrayNode> listJson(@QueryParam("all") @DefaultValue("false") boolean all, @QueryParam("filters") String filters) {
        Listing l = listing(all, filters);
        if (l.asksBuildCache()) {
            return Uni.createFrom().item(() -> rows(l)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(rows(l));
    }

    /** The list on the calling thread (the hooks' engine access). */
    public ArrayNode list(boolean all, String filters) {
        return rows(listing(all, filters));
    }

    private Listing listing(boolean all, String filters) {
        PruneFilters read = PruneFilters.parse(filters, Set.of("dangling", "label", "before", "since", "reference", "until"));
        var f = read.values();
        Filters.bool(f, "dangling", false);
        List<ImageRecord> matching = images.list();
        if (read.until().isPresent()) {
            matching = matching.stream().filter(i -> !i.created().isAfter(read.until().get())).toList();
        }
        if (f.containsKey("before")) {
            long before = ImageSummaries.created(images.resolve(one(f, "before")));
            matching = matching.stream().filter(i -> ImageSummaries.created(i) < before).toList();
        }
        if (f.containsKey("since")) {
            long since = ImageSummaries.created(images.resolve(one(f, "since")));
            matching = matching.stream().filter(i -> ImageSummaries.created(i) > since).toList();
        }
        // a build's step images are Docker's intermediate images: only -a lists them (asked only when some image
        // is untagged, so a list of tagged images reads no rows)
        return new Listing(matching, f, !all && matching.stream().anyMatch(i -> i.refs().isEmpty()));
    }

    private record Listing(List<ImageRecord> matching, Map<String, Set<String>> f, boolean asksBuildCache) {
    }

    private ArrayNode rows(Listing l) {
        List<ImageRecord> matching = l.matching();
        if (l.asksBuildCache()) {
            Set<String> intermediates = builder.cache().intermediates();
            matching = matching.stream().filter(i -> !i.refs().isEmpty() || !intermediates.contains(i.id().toString())).toList();
        }
        return rows(matching, l.f());
    }

    private static ArrayNode rows(List<ImageRecord> matching, Map<String, Set<String>> f) {
        ArrayNode out = JSON.arrayNode();
        for (ImageRecord i : matching.stream().filter(i -> matches(i, f)).toList()) {
            ObjectNode summary = ImageSummaries.summary(i);
            if (f.containsKey("reference")) {
                // as dockerd: the row names only the references the filter matched
                ArrayNode tags = summary.putArray("RepoTags");
                i.repoTags().stream().filter(t -> referenceMatches(f.get("reference"), t, t.substring(0, t.lastIndexOf(':'))))
                        .forEach(tags::add);
                ArrayNode digests = summary.putArray("RepoDigests");
                i.repoDigests().stream().filter(d -> referenceMatches(f.get("reference"), d, d.substring(0, d.indexOf('@'))))
                        .forEach(digests::add);
            }
            out.add(summary);
        }
        return out;
    }

    private static String one(Map<String, Set<String>> f, String key) {
        return f.get(key).iterator().next();
    }

    private static boolean matches(ImageRecord image, Map<String, Set<String>> f) {
        if (f.containsKey("dangling")) {
            boolean dangling = Filters.bool(f, "dangling", false);
            if (dangling != image.refs().isEmpty()) {
                return false;
            }
        }
        if (f.containsKey("label")) {
            Map<String, String> labels = image.config().config().labels();
            for (String l : f.get("label")) {
                int eq = l.indexOf('=');
                boolean ok = eq < 0 ? labels.containsKey(l) : l.substring(eq + 1).equals(labels.get(l.substring(0, eq)));
                if (!ok) {
                    return false;
                }
            }
        }
        if (f.containsKey("reference")) {
            return image.repoTags().stream().anyMatch(t -> referenceMatches(f.get("reference"), t, t.substring(0, t.lastIndexOf(':'))))
                    || image.repoDigests().stream().anyMatch(d -> referenceMatches(f.get("reference"), d, d.substring(0, d.indexOf('@'))));
        }
        return true;
    }

    /** Whether a reference, or its repository alone, matches one of the filter's patterns (globs, as in dockerd). */
    private static boolean referenceMatches(Set<String> patterns, String ref, String repository) {
        for (String pattern : patterns) {
            var glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            if (glob.matches(java.nio.file.Path.of(ref)) || glob.matches(java.nio.file.Path.of(repository))) {
                return true;
            }
        }
        return false;
    }

    @GET
    @Path("{name: .+}/json")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode inspect(@PathParam("name") String name) {
        String driver = plugins.selectedStorage().map(p -> p.descriptor().name()).orElse("");
        return ImageSummaries.inspect(images.resolve(name), driver);
    }

    @GET
    @Path("{name: .+}/history")
    @Produces(MediaType.APPLICATION_JSON)
    public ArrayNode history(@PathParam("name") String name) {
        return ImageSummaries.history(images.resolve(name));
    }

    @POST
    @Path("{name: .+}/tag")
    public Response tag(@PathParam("name") String name, @QueryParam("repo") String repo, @QueryParam("tag") String tag) {
        if (repo == null || repo.isBlank()) {
            return ErrorMappers.error(400, "repository name must have at least one component");
        }
        Reference target = Reference.parse(repo + (tag == null || tag.isBlank() ? "" : ":" + tag));
        if (target.digest().isPresent()) {
            return ErrorMappers.error(400, "refusing to create a tag with a digest reference");
        }
        images.tag(name, target);
        return Response.status(201).build();
    }

    @DELETE
    @Path("{name: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, String>> remove(@PathParam("name") String name, @QueryParam("force") @DefaultValue("false") boolean force,
                                            @QueryParam("noprune") @DefaultValue("false") boolean noprune) {
        return images.remove(name, force, noprune);
    }

    @POST
    @Path("prune")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode prune(@QueryParam("filters") String filters) {
        // read whole first: a filter that cannot be read deletes nothing
        PruneFilters f = PruneFilters.parse(filters, PruneFilters.COMMON, "dangling");
        boolean danglingOnly = f.bool("dangling", true);
        var report = images.prune(danglingOnly, i -> f.selects(i.created(),
                i.config().config().labels()));
        ObjectNode out = JSON.objectNode();
        ArrayNode deleted = out.putArray("ImagesDeleted");
        report.deleted().forEach(m -> {
            ObjectNode d = deleted.addObject();
            m.forEach(d::put);
        });
        out.put("SpaceReclaimed", report.spaceReclaimed());
        return out;
    }

    /**
     * {@code docker load}: as in dockerd, the answer is 200 and a JSON stream from the start, and an archive that
     * cannot be loaded ends it with an error line, which is what the SDKs raise their load error on.
     */
    @POST
    @Path("load")
    @Produces(MediaType.APPLICATION_JSON)
    public Response load(InputStream body, @QueryParam("quiet") @DefaultValue("false") boolean quiet) {
        StreamingOutput stream = out -> {
            JsonProgress progress = new JsonProgress(out);
            List<String> loaded;
            try {
                loaded = archive.load(body);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("load failed: %s", e.getMessage());
                progress.error(String.valueOf(e.getMessage()));
                return;
            }
            loaded.forEach(progress::stream);
        };
        return Response.ok(stream, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("get")
    @Produces("application/x-tar")
    public Response save(@QueryParam("names") List<String> names) {
        if (names == null || names.isEmpty()) {
            return ErrorMappers.error(400, "no images named");
        }
        names.forEach(images::resolve);
        StreamingOutput body = out -> archive.save(names, out);
        return Response.ok(body, "application/x-tar").build();
    }

    @GET
    @Path("{name: .+}/get")
    @Produces("application/x-tar")
    public Response saveOne(@PathParam("name") String name) {
        return save(List.of(name));
    }
}
