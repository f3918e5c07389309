package dev.gantry.core.container;

import java.util.List;

/** {@code docker top}: the columns of {@code ps} and the rows of the container's processes, in its order. */
public record ProcessList(List<String> titles, List<List<String>> processes) {
    public ProcessList {
        titles = List.copyOf(titles);
        processes = processes.stream().map(List::copyOf).toList();
    }
}
