package dev.gantry.core.builder;

import dev.gantry.core.container.ContainerFilesystem;
import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.image.ImageConfig;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.Reference;
import dev.gantry.core.image.RunConfig;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.registry.Credentials;
import dev.gantry.core.registry.Progress;
import dev.gantry.spi.storage.DeletionStyle;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy builder behind {@code POST /build}: a Dockerfile's stages run step by step, RUN as real containers
 * through the runtime and storage plugins (their changes committed as layers), COPY and ADD into a container's
 * root from the context or another stage, the rest as metadata steps with empty-layer history entries. Every step
 * is an image, and the cache maps (parent image, step) to it, with Docker's rules: a miss invalidates the rest.
 */
public final class ImageBuilder {
    static final String NOP = "/bin/sh -c #(nop) ";
    static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");
    private final ImageStore images;
    private final ContainerSupervisor supervisor;
    private final ContainerFilesystem filesystem;
    private final LayerApplier applier;
    private final BuildCache cache;
    private final Tracer tracer;
    private final Path workRoot;
    private final BasePull pull;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final dev.gantry.core.OperationTimer timer;

    /** What {@code POST /build} asks for. {@code hostConfig} holds the RUN containers' network and limits. */
    public record Options(List<Reference> tags, String dockerfile, Map<String, String> buildArgs, boolean noCache,
                          Optional<String> target, Map<String, String> labels, boolean remove, boolean forceRemove,
                          boolean pull, List<String> cacheFrom, HostConfig hostConfig, Map<String, Credentials> registryAuth) {
    }

    /** Where the progress goes: text for the {@code stream} lines, and the built image's ID. */
    /** Fetches a base image from its registry, reporting in the build's stream. */
    @FunctionalInterface
    public interface BasePull {
        ImageRecord pull(String name, Credentials credentials, Progress progress);
    }

    public interface Output {
        void stream(String text);

        void aux(String imageId);
    }

    /** @param pull fetches an image that is not here (or every base with {@code pull}) */
    public ImageBuilder(ImageStore images, ContainerSupervisor supervisor, ContainerFilesystem filesystem,
                        LayerApplier applier, BuildCache cache, Tracer tracer, Path workRoot,
                        BasePull pull,
                        io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.timer = new dev.gantry.core.OperationTimer(meters, "gantry.build.operations", "Image builds, whole");
        this.images = images;
        this.supervisor = supervisor;
        this.filesystem = filesystem;
        this.applier = applier;
        this.cache = cache;
        this.tracer = tracer;
        this.workRoot = workRoot;
        this.pull = pull;
    }

    public BuildCache cache() {
        return cache;
    }

    /** Builds from a context tar. Intermediate containers go (also on failure) unless neither rm nor forcerm. */
    public ImageRecord build(InputStream contextTar, Options options, Output out) throws IOException {
        return timer.time("build", () -> buildUntimed(contextTar, options, out));
    }

    private ImageRecord buildUntimed(InputStream contextTar, Options options, Output out) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(workRoot), "build-");
        Span span = tracer.spanBuilder("build").startSpan();
        try (var ignored = span.makeCurrent()) {
            Path context = Files.createDirectories(dir.resolve("context"));
            applier.files().apply(contextTar, context, DeletionStyle.COPY, Optional.empty());
            String dockerfileName = options.dockerfile().isEmpty() ? "Dockerfile" : options.dockerfile();
            String text;
            Optional<Path> ignoreFile;
            try (RootLookup lookup = RootLookup.open(context)) {
                // both looked up inside the context: a link there never reads the host's files
                text = ContextFiles.readRegular(lookup.resolve(DockerIgnore.clean(dockerfileName)))
                        .orElseThrow(() -> new BuildFailure("Cannot locate specified Dockerfile: " + dockerfileName));
                ignoreFile = lookup.resolve(".dockerignore");
            }
            Optional<String> ignore = ContextFiles.readRegular(ignoreFile);
            if (ignore.isPresent()) {
                ContextFiles.prune(context, DockerIgnore.parse(ignore.get()));
            }
            Run run = new Run(options, out, context, dir, text);
            ImageRecord built = run.all();
            span.setAttribute("build.steps", run.step);
            span.setAttribute("build.cache_hits", run.hits);
            return built;
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(e.getMessage());
        } finally {
            span.end();
            FileTrees.deleteQuietly(dir);
        }
    }

    /** One build's state: its stages, the step counter and the variables from before the first FROM. */
    final class Run {
        final Options o;
        final Output out;
        final Path context;
        final Path dir;
        final char escape;
        final List<Stage> stages = new ArrayList<>();
        final Map<String, String> metaArgs = new LinkedHashMap<>();
        final Set<String> usedArgs = new HashSet<>();
        final CacheSources cacheSources;
        int step;
        int total;
        int hits;
        boolean cacheValid;

        Run(Options o, Output out, Path context, Path dir, String text) {
            this.o = o;
            this.out = out;
            this.context = context;
            this.dir = dir;
            DockerfileParser.Parsed dockerfile = DockerfileParser.read(text);
            this.escape = dockerfile.escape();
            this.cacheValid = !o.noCache();
            this.cacheSources = new CacheSources(images, o.cacheFrom());
            split(dockerfile.instructions());
        }

        private void split(List<Instruction> all) {
            Instruction from = null;
            List<Instruction> body = new ArrayList<>();
            for (Instruction i : all) {
                if (i.keyword().equals("FROM")) {
                    if (from != null) {
                        stages.add(stage(from, body));
                    }
                    from = i;
                    body = new ArrayList<>();
                } else if (from == null) {
                    if (!i.keyword().equals("ARG")) {
                        throw new DockerfileParser.ParseError(i.line(), "no build stage in current context");
                    }
                    for (String[] kv : Words.pairs(i.args(), escape, false)) {
                        metaArgs.put(kv[0], o.buildArgs().getOrDefault(kv[0], kv.length > 1 ? kv[1] : ""));
                        usedArgs.add(kv[0]);
                    }
                } else {
                    body.add(i);
                }
            }
            if (from == null) {
                throw new BuildFailure("the Dockerfile (" + o.dockerfile() + ") cannot be empty");
            }
            stages.add(stage(from, body));
        }

        private Stage stage(Instruction from, List<Instruction> body) {
            List<String> words = Words.split(from.args(), escape);
            String name = words.size() == 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2).toLowerCase(Locale.ROOT) : "";
            if (words.isEmpty() || (words.size() != 1 && name.isEmpty())) {
                throw new DockerfileParser.ParseError(from.line(), "FROM requires either one or three arguments");
            }
            return new Stage(name, stages.size(), from, body);
        }

        ImageRecord all() throws IOException {
            int target = stages.size() - 1;
            if (o.target().isPresent() && !o.target().get().isEmpty()) {
                String t = o.target().get().toLowerCase(Locale.ROOT);
                target = stages.stream().filter(s -> s.name.equals(t)).findFirst().map(s -> s.index)
                        .orElseThrow(() -> new BuildFailure("failed to reach build target " + o.target().get() + " in Dockerfile"));
            }
            Set<Integer> needed = new java.util.TreeSet<>();
            need(target, needed);
            for (int i : needed) {
                total += 1 + stages.get(i).instructions.size();
            }
            if (!o.labels().isEmpty()) {
                total++;
            }
            for (int i : needed) {
                runStage(stages.get(i), i == target);
            }
            Stage last = stages.get(target);
            ImageRecord result = last.image.orElseGet(() -> emptyImage(last));
            List<String> unused = o.buildArgs().keySet().stream()
                    .filter(k -> !usedArgs.contains(k) && !PROXY_ARGS.contains(k)).sorted().toList();
            if (!unused.isEmpty()) {
                out.stream("[Warning] One or more build-args " + unused + " were not consumed\n");
            }
            cache.result(result.id().toString());
            out.aux(result.id().toString());
            out.stream("Successfully built " + result.id().shortId() + "\n");
            for (Reference ref : o.tags()) {
                images.tag(result.id().toString(), ref);
                out.stream("Successfully tagged " + ref.familiar() + "\n");
            }
            return result;
        }

        /** The stages the target depends on, through FROM and COPY --from. */
        private void need(int index, Set<Integer> needed) {
            if (!needed.add(index)) {
                return;
            }
            Stage s = stages.get(index);
            List<String> refs = new ArrayList<>();
            refs.add(Words.split(Variables.expand(s.from.args(), metaArgs, escape, s.from.line()), escape).getFirst());
            s.instructions.stream().filter(i -> i.flags().containsKey("from")).forEach(i -> refs.add(i.flag("from", "")));
            for (String r : refs) {
                stageRef(r, index).ifPresent(dep -> need(dep, needed));
            }
        }

        private Optional<Integer> stageRef(String ref, int before) {
            String r = ref.toLowerCase(Locale.ROOT);
            for (Stage s : stages) {
                if (s.index < before && (s.name.equals(r) || Integer.toString(s.index).equals(r))) {
                    return Optional.of(s.index);
                }
            }
            return Optional.empty();
        }

        private void runStage(Stage s, boolean last) throws IOException {
            // each stage starts from its own base, so a miss in one stage does not invalidate the next (as in Docker)
            cacheValid = !o.noCache();
            from(s);
            for (Instruction i : s.instructions) {
                instruction(s, i);
            }
            if (last && !o.labels().isEmpty()) {
                StringBuilder text = new StringBuilder("LABEL");
                o.labels().forEach((k, v) -> text.append(' ').append(ConfigSteps.quote(k)).append('=').append(ConfigSteps.quote(v)));
                out.stream("Step " + (++step) + "/" + total + " : " + text + "\n");
                RunConfig.Editor next = s.config.edit();
                next.labels.putAll(o.labels());
                metadata(s, next, text.toString());
            }
        }

        private void from(Stage s) {
            out.stream("Step " + (++step) + "/" + total + " : " + s.from.original() + "\n");
            String platform = s.from.flag("platform", "");
            if (!platform.isEmpty() && !platform.equals("linux/amd64") && !platform.equals("linux")) {
                throw new BuildFailure("platform " + platform + " is not supported: Gantry builds linux/amd64 images");
            }
            String base = Words.split(Variables.expand(s.from.args(), metaArgs, escape, s.from.line()), escape).getFirst();
            if (base.equalsIgnoreCase("scratch")) {
                s.image = Optional.empty();
                s.config = RunConfig.EMPTY;
                out.stream(" ---> \n");
                return;
            }
            Optional<Integer> dep = stageRef(base, s.index);
            ImageRecord image;
            if (dep.isPresent()) {
                Stage d = stages.get(dep.get());
                image = d.image.orElseGet(() -> emptyImage(d));
            } else {
                image = (o.pull() ? Optional.<ImageRecord>empty() : images.find(base)).orElseGet(() -> pullBase(base));
            }
            s.image = Optional.of(image);
            s.config = image.config().config();
            out.stream(" ---> " + image.id().shortId() + "\n");
            List<String> triggers = s.config.onBuild();
            if (!triggers.isEmpty()) {
                out.stream("# Executing " + triggers.size() + " build trigger" + (triggers.size() == 1 ? "" : "s") + "\n");
                RunConfig.Editor cleared = s.config.edit();
                cleared.onBuild = List.of();
                s.config = cleared.build();
                for (String t : triggers) {
                    for (Instruction i : DockerfileParser.parse(t)) {
                        execute(s, i);
                    }
                }
            }
        }

        private void instruction(Stage s, Instruction i) throws IOException {
            out.stream("Step " + (++step) + "/" + total + " : " + i.original() + "\n");
            Span span = tracer.spanBuilder("build.step").setAttribute("build.instruction", i.keyword())
                    .setAttribute("build.step", step).startSpan();
            int before = hits;
            try (var ignored = span.makeCurrent()) {
                execute(s, i);
            } finally {
                span.setAttribute("build.cache_hit", hits > before);
                span.end();
                BuildMetrics.step(meters, i.keyword(), hits > before);
            }
        }

        private void execute(Stage s, Instruction i) {
            Map<String, String> vars = s.variables();
            String args = i.keyword().equals("RUN") || i.keyword().equals("CMD") || i.keyword().equals("ENTRYPOINT")
                    || i.keyword().equals("ONBUILD") || i.keyword().equals("HEALTHCHECK") || i.keyword().equals("SHELL")
                    ? i.args() : Variables.expand(i.args(), vars, escape, i.line());
            RunConfig.Editor next = s.config.edit();
            try {
                switch (i.keyword()) {
                    case "RUN" -> new RunStep(this, supervisor).run(s, i);
                    case "COPY", "ADD" -> new Copier(this, s, i, args).run();
                    default -> new ConfigSteps(this).execute(s, i, args, next);
                }
            } catch (IOException e) {
                throw new BuildFailure(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw e instanceof DockerfileParser.ParseError ? e : new DockerfileParser.ParseError(i.line(), e.getMessage());
            }
        }

        List<String> shell(Stage s) {
            List<String> shell = s.config.shell();
            return shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
        }

        /** A step that only changes the config: an image with the same layers and an empty-layer history entry. */
        void metadata(Stage s, RunConfig.Editor next, String text) {
            String createdBy = NOP + " " + text;
            RunConfig stepConfig = next.build();
            cached(s, createdBy, stepConfig, () -> {
                ImageConfig base = baseConfig(s);
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                ImageConfig config = base.withCreated(now).withConfig(stepConfig);
                if (text.startsWith("MAINTAINER ")) {
                    config = config.withOrigin(text.substring("MAINTAINER ".length()), base.comment(), base.parent(), base.container());
                }
                config = config.plus(new ImageConfig.History(Optional.of(now), createdBy, "", "", true), Optional.empty());
                return images.addImage(config, s.image.map(ImageRecord::layers).orElse(List.of()), List.of(), "build");
            });
        }

        /** A base image from its registry, with the credentials the client sent for that registry. */
        ImageRecord pullBase(String name) {
            return BasePulls.pull(pull, name, o.registryAuth(), out);
        }

        /**
         * The cache's answer for this step (the local cache's, else a {@code --cache-from} image's, which is given the
         * step's {@code config}), or the work's (then remembered); a miss turns the cache off for the rest.
         */
        void cached(Stage s, String createdBy, RunConfig config, Work work) {
            String parent = s.parentKey();
            if (cacheValid) {
                Optional<ImageRecord> hit = cache.find(parent, createdBy).flatMap(images::find);
                if (hit.isEmpty() && !cacheSources.isEmpty()) {
                    try {
                        hit = cacheSources.answer(s.image, createdBy, config);
                    } catch (IOException e) {
                        throw new BuildFailure(e.getMessage());
                    }
                    hit.ifPresent(h -> cache.put(parent, createdBy, h.id().toString()));
                }
                if (hit.isPresent()) {
                    hits++;
                    out.stream(" ---> Using cache\n");
                    advance(s, hit.get());
                    return;
                }
                cacheValid = false;
            }
            ImageRecord made;
            try {
                made = work.make();
            } catch (IOException e) {
                throw new BuildFailure(e.getMessage());
            }
            cache.put(parent, createdBy, made.id().toString());
            advance(s, made);
        }

        private void advance(Stage s, ImageRecord image) {
            s.image = Optional.of(image);
            s.config = image.config().config();
            out.stream(" ---> " + image.id().shortId() + "\n");
        }

        /** {@code FROM scratch} has no image; the first step that needs one gets an empty one. */
        ImageRecord emptyImage(Stage s) {
            try {
                ImageConfig config = baseConfig(s).withCreated(Instant.now().truncatedTo(ChronoUnit.SECONDS)).withConfig(s.config);
                ImageRecord image = images.addImage(config, List.of(), List.of(), "build");
                s.image = Optional.of(image);
                return image;
            } catch (IOException e) {
                throw new BuildFailure(e.getMessage());
            }
        }

        private ImageConfig baseConfig(Stage s) {
            return s.image.map(ImageRecord::config).orElseGet(ImageConfig::scratch);
        }

        Path context() {
            return context;
        }

        Path scratchDir() {
            return dir;
        }

        char escape() {
            return escape;
        }

        ImageStore images() {
            return images;
        }

        ContainerFilesystem filesystem() {
            return filesystem;
        }

        Options options() {
            return o;
        }

        /** Runs {@code work} with a build container made from {@code request}; the container goes afterwards. */
        ImageRecord inContainer(dev.gantry.core.container.CreateRequest request, ContainerWork work) throws IOException {
            return new RunStep(this, supervisor).inContainer(request, work);
        }

        LayerApplier applier() {
            return applier;
        }

        Optional<Stage> stage(String ref, int before) {
            return stageRef(ref, before).map(stages::get);
        }

        ImageRecord image(String ref) {
            return images.find(ref).orElseGet(() -> pullBase(ref));
        }
    }

    @FunctionalInterface
    interface Work {
        ImageRecord make() throws IOException;
    }

    @FunctionalInterface
    interface ContainerWork {
        ImageRecord run(String containerId) throws IOException;
    }
}
