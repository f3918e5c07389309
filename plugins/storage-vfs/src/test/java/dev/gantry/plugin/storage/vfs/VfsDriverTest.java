package dev.gantry.plugin.storage.vfs;

import dev.gantry.spi.kit.StorageDriverKit;
import dev.gantry.spi.storage.StorageDriver;

class VfsDriverTest extends StorageDriverKit {
    @Override
    protected StorageDriver newPlugin() {
        return new VfsDriver();
    }
}
