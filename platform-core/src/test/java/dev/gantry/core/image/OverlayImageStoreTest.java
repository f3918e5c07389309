package dev.gantry.core.image;

import dev.gantry.plugin.storage.overlay.OverlayDriver;
import dev.gantry.spi.storage.StorageDriver;

/** The same image store checks on kernel overlayfs: whiteouts and opaque directories as the kernel reads them. */
class OverlayImageStoreTest extends ImageStoreTest {
    @Override
    protected StorageDriver newDriver() {
        return new OverlayDriver();
    }
}
