package dev.gantry.plugin.scan.support;

import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.scan.ImageScanner;
import java.util.Set;

/** What the built-in scanners share: a descriptor of this plugin set's version, and nothing on the host to need. */
public abstract class BuiltInScanner implements ImageScanner {
    private final PluginDescriptor descriptor;

    protected BuiltInScanner(String name, Set<String> features) {
        this.descriptor = new PluginDescriptor(PluginKind.SCANNER, name, "0.1.0", features);
    }

    @Override
    public final PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Availability probe() {
        return Availability.available("");
    }
}
