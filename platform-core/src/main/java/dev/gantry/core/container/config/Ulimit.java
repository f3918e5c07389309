package dev.gantry.core.container.config;

/** A {@code --ulimit}: the resource's name ({@code nofile}, ...) and its limits. */
public record Ulimit(String name, long hard, long soft) {
    public Ulimit {
        name = Values.text(name);
    }
}
