package dev.gantry.core.container;

import java.util.Map;

/** Publishes the lifecycle's steps on the event bus: {@code create}, volume mounts, {@code start}, {@code die}, {@code destroy}. */
final class LifecycleEvents implements LifecycleListener {
    private final ContainerEvents events;

    LifecycleEvents(ContainerEvents events) {
        this.events = events;
    }

    @Override
    public void created(Container c) {
        events.emit(c, "create");
    }

    @Override
    public void started(Container c) {
        events.volumes(c, "mount");
        events.emit(c, "start");
    }

    @Override
    public void exited(Container c) {
        events.volumes(c, "unmount");
        events.emit(c, "die", Map.of("exitCode", Integer.toString(c.state().exitCode())));
    }

    @Override
    public void removed(Container c) {
        events.emit(c, "destroy");
    }
}
