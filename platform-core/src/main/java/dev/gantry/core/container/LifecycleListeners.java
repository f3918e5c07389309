package dev.gantry.core.container;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The listeners of the lifecycle, told in the order they were added. */
public final class LifecycleListeners implements LifecycleListener {
    private final List<LifecycleListener> all = new CopyOnWriteArrayList<>();

    public void add(LifecycleListener l) {
        all.add(l);
    }

    private void each(Consumer<LifecycleListener> call) {
        all.forEach(call);
    }

    @Override
    public void beforeCreate(CreateRequest request) {
        each(l -> l.beforeCreate(request));
    }

    @Override
    public void created(Container c) {
        each(l -> l.created(c));
    }

    @Override
    public void beforeStart(Container c) {
        each(l -> l.beforeStart(c));
    }

    @Override
    public void started(Container c) {
        each(l -> l.started(c));
    }

    @Override
    public void restored(Container c) {
        each(l -> l.restored(c));
    }

    @Override
    public void exited(Container c) {
        each(l -> l.exited(c));
    }

    @Override
    public void removed(Container c) {
        each(l -> l.removed(c));
    }
}
