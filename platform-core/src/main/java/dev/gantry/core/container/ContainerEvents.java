package dev.gantry.core.container;

import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import java.util.HashMap;
import java.util.Map;

/** Docker's {@code container} and {@code volume} events, with the attributes dockerd gives them. */
public final class ContainerEvents {
    private final EventBus bus;

    public ContainerEvents(EventBus bus) {
        this.bus = bus;
    }

    public void emit(Container c, String action) {
        emit(c, action, Map.of());
    }

    public void emit(Container c, String action, Map<String, String> extra) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put("name", c.name());
        attrs.put("image", c.config().image());
        attrs.putAll(c.config().labelsOrEmpty());
        attrs.putAll(extra);
        bus.publish(Event.now("container", action, c.id(), attrs));
    }

    /** {@code mount} or {@code unmount} for each volume of the container. */
    public void volumes(Container c, String action) {
        for (MountPoint m : c.mounts()) {
            if (m.type().equals("volume")) {
                bus.publish(Event.now("volume", action, m.name(), Map.of("container", c.id(), "destination",
                        m.destination(), "driver", m.driver(), "read/write", Boolean.toString(m.rw()))));
            }
        }
    }
}
