package dev.gantry.spi.runtime;

import java.nio.file.Path;

/**
 * What the runtime reports about one container.
 *
 * @param id     the container id given at create
 * @param status its state
 * @param pid    the init process's host pid, 0 when stopped
 * @param bundle the bundle directory it was created from
 */
public record RuntimeState(String id, RuntimeStatus status, long pid, Path bundle) {
}
