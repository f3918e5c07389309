package dev.gantry.core.container.config;

import java.util.List;
import java.util.Map;

/** A {@code --gpus} style request for devices from a driver. */
public record DeviceRequest(String driver, int count, List<String> deviceIds, List<List<String>> capabilities,
                            Map<String, String> options) {
    public DeviceRequest {
        driver = Values.text(driver);
        deviceIds = Values.list(deviceIds);
        capabilities = capabilities == null ? null : capabilities.stream().map(List::copyOf).toList();
        options = Values.map(options);
    }
}
