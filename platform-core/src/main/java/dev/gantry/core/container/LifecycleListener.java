package dev.gantry.core.container;

/**
 * The points of a container's life that other parts attach to: the event bus, health checks, exec records, and
 * hooks. A {@code before...} call may refuse the step by throwing (an {@code EngineException} reaches the client
 * as it is); the others are told after the fact, outside the container's lock, and must not throw.
 */
public interface LifecycleListener {
    /** A create request, before anything is made. */
    default void beforeCreate(CreateRequest request) {
    }

    default void created(Container c) {
    }

    /** Before the run's files and network are made, under the container's lock. */
    default void beforeStart(Container c) {
    }

    default void started(Container c) {
    }

    /** A running container found again when the engine starts (no {@code start} happened). */
    default void restored(Container c) {
    }

    default void exited(Container c) {
    }

    default void removed(Container c) {
    }
}
