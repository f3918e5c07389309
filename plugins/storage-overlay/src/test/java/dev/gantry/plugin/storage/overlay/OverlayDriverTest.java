package dev.gantry.plugin.storage.overlay;

import dev.gantry.spi.kit.StorageDriverKit;
import dev.gantry.spi.storage.StorageDriver;

class OverlayDriverTest extends StorageDriverKit {
    @Override
    protected StorageDriver newPlugin() {
        return new OverlayDriver();
    }
}
