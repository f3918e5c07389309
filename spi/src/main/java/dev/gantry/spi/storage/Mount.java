package dev.gantry.spi.storage;

import java.util.List;

/**
 * One mount(2) call, in the shape the OCI runtime spec uses, so it can go straight into {@code config.json} or
 * be performed by the engine.
 *
 * @param type    e.g. {@code overlay} or {@code bind}
 * @param source  the device or directory
 * @param options mount options, e.g. {@code lowerdir=...}, {@code rbind}, {@code ro}
 */
public record Mount(String type, String source, List<String> options) {
    public Mount {
        options = List.copyOf(options);
    }

    public boolean readOnly() {
        return options.contains("ro");
    }
}
