package dev.gantry.plugin.runtime.oci;

import dev.gantry.spi.kit.OciRuntimeKit;
import dev.gantry.spi.runtime.OciRuntime;

class RuncRuntimeTest extends OciRuntimeKit {
    @Override
    protected OciRuntime newPlugin() {
        return new RuncRuntime();
    }
}
