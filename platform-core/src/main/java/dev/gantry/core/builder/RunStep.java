package dev.gantry.core.builder;

import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.container.CreateRequest;
import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.HealthConfig;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.logs.LogQuery;
import dev.gantry.core.logs.LogStreamer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * RUN: a real container from the current image (with the build's network and limits), its output in the build's
 * stream, its changes committed as the step's layer. Build arguments it sees are part of the cache key, as in Docker.
 */
final class RunStep {
    private final ImageBuilder.Run run;
    private final ContainerSupervisor supervisor;

    RunStep(ImageBuilder.Run run, ContainerSupervisor supervisor) {
        this.run = run;
        this.supervisor = supervisor;
    }

    void run(Stage s, Instruction i) {
        List<String> cmd = new ArrayList<>();
        if (i.json().isPresent()) {
            cmd.addAll(i.json().get());
        } else {
            cmd.addAll(run.shell(s));
            cmd.add(Heredocs.script(i));
        }
        Map<String, String> argsSeen = new LinkedHashMap<>();
        s.args.forEach((k, v) -> argsSeen.put(k, v));
        run.options().buildArgs().forEach((k, v) -> {
            if (ImageBuilder.PROXY_ARGS.contains(k)) {
                argsSeen.put(k, v);
            }
        });
        StringBuilder createdBy = new StringBuilder();
        if (!argsSeen.isEmpty()) {
            createdBy.append('|').append(argsSeen.size());
            argsSeen.forEach((k, v) -> createdBy.append(' ').append(k).append('=').append(v));
            createdBy.append(' ');
        }
        createdBy.append(String.join(" ", cmd));
        run.cached(s, createdBy.toString(), s.config, () -> {
            ImageRecord base = s.image.orElseGet(() -> run.emptyImage(s));
            List<String> env = new ArrayList<>();
            argsSeen.forEach((k, v) -> {
                // ENV of the same name wins over a build arg, as in Docker
                if (s.config.envValue(k).isEmpty()) {
                    env.add(k + "=" + v);
                }
            });
            ContainerConfig config = config(base, cmd, env, new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0));
            return inContainer(new CreateRequest("", config, run.options().hostConfig(), Map.of()), id -> {
                CompletableFuture<Integer> exit = supervisor.waitFor(id, "next-exit");
                supervisor.start(id);
                try {
                    // by file identity, so a step that writes more than a rotation's worth loses nothing
                    LogQuery all = new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1, true, true, true, false, null);
                    LogStreamer.stream(supervisor.logFile(id), all, () -> !exit.isDone(), new StepOutput(run.out));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BuildFailure("interrupted");
                }
                int code = exit.join();
                if (code != 0) {
                    throw new BuildFailure("The command '" + String.join(" ", cmd) + "' returned a non-zero code: " + code, code);
                }
                return run.filesystem().commitStep(id, s.config, createdBy.toString());
            });
        });
    }

    /**
     * A build container's config: {@code cmd} in {@code image} with no entrypoint; {@code env} and {@code health}
     * null to keep the image's.
     */
    static ContainerConfig config(ImageRecord image, List<String> cmd, List<String> env, HealthConfig health) {
        return new ContainerConfig("", "", "", false, false, false, null, false, false, false, env, cmd, health, false,
                image.id().toString(), null, "", List.of(), false, "", null, null, null, null, null);
    }

    /** Runs {@code work} with a build container made from {@code request}; the container goes afterwards. */
    ImageRecord inContainer(CreateRequest request, ImageBuilder.ContainerWork work) throws IOException {
        String id = supervisor.create(request).id();
        run.out.stream(" ---> Running in " + id.substring(0, 12) + "\n");
        boolean ok = false;
        try {
            ImageRecord made = work.run(id);
            ok = true;
            return made;
        } finally {
            if (run.options().forceRemove() || run.options().remove() || !ok) {
                if (ok) {
                    run.out.stream("Removing intermediate container " + id.substring(0, 12) + "\n");
                }
                try {
                    supervisor.remove(id, true, true);
                } catch (RuntimeException ignored) {
                    // gone already
                }
            }
        }
    }
}
