package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.store.ContainerConfigDocument;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.layer.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker create}: the request checked and merged with the image's config, the endpoints chosen, the
 * writable snapshot prepared over the image, and the record written. Nothing is left of a create that fails.
 */
final class ContainerCreator {
    private final ContainerStore store;
    private final ContainerPaths paths;
    private final ImageStore images;
    private final Runtimes runtimes;
    private final NetworkAttachment network;
    private final VolumeProvider volumes;
    private final Operations ops;
    private final LifecycleListener listeners;

    ContainerCreator(ContainerStore store, ContainerPaths paths, ImageStore images, Runtimes runtimes,
                     NetworkAttachment network, VolumeProvider volumes, Operations ops, LifecycleListener listeners) {
        this.store = store;
        this.paths = paths;
        this.images = images;
        this.runtimes = runtimes;
        this.network = network;
        this.volumes = volumes;
        this.ops = ops;
        this.listeners = listeners;
    }

    ContainerSupervisor.Created create(CreateRequest request) {
        listeners.beforeCreate(request);
        String imageName = request.config().image();
        if (imageName.isEmpty()) {
            throw EngineException.invalid("config cannot be empty in order to create a container");
        }
        ImageRecord image = images.find(imageName)
                .orElseThrow(() -> EngineException.notFound("No such image: " + imageName));
        String id = Names.newId();
        String name = request.name().isEmpty() ? null
                : request.name().startsWith("/") ? request.name().substring(1) : request.name();
        if (name != null) {
            ContainerStore.checkName(name);
        } else {
            name = Names.generate(n -> store.find(n).isPresent());
        }
        ContainerConfig config = CreateConfig.merge(request.config(), imageDefaults(image),
                id.substring(0, 12)).withImage(imageName);
        HostConfig hostConfig = HostConfigs.normalize(request.hostConfig());
        List<String> warnings = new ArrayList<>(Resources.validate(hostConfig));
        if (new Container(id, name, Instant.now(), "", config, hostConfig, "", "", List.of(),
                ContainerState.created(), 0, false, 0, null).commandLine().isEmpty()) {
            throw EngineException.invalid("no command specified");
        }
        var networks = network.endpointsAtCreate(hostConfig, request.endpoints(), request.config().macAddress());
        String runtime = runtimes.nameFor(hostConfig);
        hostConfig = hostConfig.withRuntime(runtime);
        List<MountPoint> mounts = Mounts.parse(hostConfig, config);
        String snapshot = "container/" + id;
        Container c = new Container(id, name, Instant.now(), image.id().toString(), config, hostConfig, runtime,
                snapshot, mounts, ContainerState.created(), 0, false, 0, networks);
        if (HealthMonitor.hasCheck(c)) {
            c = c.withState(c.state().withHealth(Health.starting()));
        }
        Path data = paths.dataDir(id);
        try {
            Files.createDirectories(data);
            Optional<String> parent = image.layers().isEmpty() ? Optional.empty()
                    : Optional.of(image.layers().getLast().chainId().toString());
            volumes.created(mounts);
            ops.child("storage.prepare", () -> images.storage().prepare(snapshot, parent));
            store.add(c);
        } catch (IOException | RuntimeException e) {
            discardQuietly(snapshot, data);
            throw e instanceof IOException io ? EngineException.failed("cannot create container: " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
        io.opentelemetry.api.trace.Span.current().setAttribute("container.id", id);
        listeners.created(c);
        return new ContainerSupervisor.Created(id, warnings);
    }

    /** The image's {@code config}, what a container of it runs unless the request says otherwise. */
    private static ContainerConfig imageDefaults(ImageRecord image) {
        return ContainerConfigDocument.read(dev.gantry.core.image.ImageConfigCodec.toJson(image.config().config()));
    }

    private void discardQuietly(String snapshot, Path data) {
        try {
            images.storage().remove(snapshot);
        } catch (RuntimeException ignored) {
            // nothing was prepared
        }
        FileTrees.deleteQuietly(data);
    }
}
