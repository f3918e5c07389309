package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.LogConfig;
import dev.gantry.core.container.config.RestartPolicy;
import java.util.Map;

/** Fills Docker's defaults into a create request's {@code HostConfig}, as inspect shows them, and checks it. */
final class HostConfigs {
    private static final long DEFAULT_SHM = 64L * 1024 * 1024;

    private HostConfigs() {
    }

    static HostConfig normalize(HostConfig given) {
        HostConfig hc = given;
        if (hc.networkMode().isEmpty() || hc.networkMode().equals("default")) {
            hc = hc.withNetworkMode("bridge");
        }
        RestartPolicy rp = hc.restartPolicy();
        hc = hc.withRestartPolicy(new RestartPolicy(rp.nameOrNo(), rp.maximumRetryCount()));
        hc.restartPolicy().validate(hc.autoRemove());
        dev.gantry.core.container.security.SecurityOpts.parse(hc.securityOptOrEmpty(), ContainerStore.JSON);
        LogConfig log = hc.logConfig();
        log = new LogConfig(log.type().isEmpty() ? "json-file" : log.type(),
                log.config() == null ? Map.of() : log.config());
        hc = hc.withLogConfig(log);
        LogDrivers.validate(log.type(), log.config());
        hc = hc.withResources(Resources.defaultSwap(hc.resources()));
        if (hc.shmSize() == 0) {
            hc = hc.withShmSize(DEFAULT_SHM);
        }
        return hc;
    }
}
