package dev.gantry.rest.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Gantry's typed configuration: {@code gantry.*} in application.properties, or {@code GANTRY_*} variables. */
@ConfigMapping(prefix = "gantry")
public interface GantryConfig {
    /** The unix socket the Docker API is served on. */
    Path socket();

    /**
     * Where the server binds its socket before it moves it to {@link #socket()}, in a directory only root can
     * enter (scripts/gantry makes it), so the socket gets its mode and group before anyone can reach it.
     */
    Optional<Path> bindSocket();

    /** The socket's group; without one, root's. */
    Optional<String> socketGroup();

    /** For the crash suite only: a step at which the engine halts ({@code CrashPoints}). */
    Optional<String> crashAt();

    Api api();

    interface Api {
        /** The largest JSON request body read; archives are streamed and not capped here. */
        @WithDefault("4194304")
        long maxJsonBodyBytes();
    }

    Path dataRoot();

    Path runRoot();

    /** Also make the Docker API reachable at {@code /var/run/docker.sock}. */
    @WithDefault("false")
    boolean dockerSocket();

    /** The storage plugin; empty picks the first available (overlay, then vfs). */
    Optional<String> storageDriver();

    /** The runtime for containers that name none; empty picks crun where it works, else runc. */
    Optional<String> defaultRuntime();

    /** Options per plugin: {@code gantry.plugin-options.<plugin>.<key>=value}. */
    Map<String, Map<String, String>> pluginOptions();

    Events events();

    Traces traces();

    Tcp tcp();

    Registry registry();

    Images images();

    Containers containers();

    Networks networks();

    HookSettings hooks();

    interface HookSettings {
        /** The JavaScript hooks' directory ({@code NAME.js} files, docs/hooks.md); empty: {@code <data-root>/hooks}. */
        Optional<Path> dir();
    }

    interface Networks {
        /**
         * Where the embedded DNS sends the names it does not know, as {@code ip} or {@code ip:port}; without any,
         * the nameservers of the host's {@code /etc/resolv.conf}. A container's {@code --dns} overrides both.
         */
        Optional<java.util.List<String>> dnsUpstreams();

        /**
         * The host address published ports bind when they name none ({@code -P}, {@code -p 80}), like dockerd's
         * {@code --ip}; a network's {@code com.docker.network.bridge.host_binding_ipv4} option overrides it.
         */
        @WithDefault("0.0.0.0")
        String defaultBindIp();
    }

    interface Containers {
        /**
         * The size at which a container's log is cut (conmon starts it afresh), unless the container's
         * {@code --log-opt max-size} says otherwise; so a chatty container cannot fill the disk.
         */
        @WithDefault("20971520")
        long logMaxBytes();

        /** How many log files (the current one and rotated ones) a container keeps, unless {@code --log-opt max-file}. */
        @WithDefault("3")
        int logMaxFiles();
    }

    interface Images {
        /** The most file content one layer may unpack to; a larger one is refused as hostile. */
        @WithDefault("68719476736")
        long maxLayerBytes();

        /** The most entries one archive (layer, cp, build context) may hold; each costs memory while applied. */
        @WithDefault("1048576")
        long maxLayerEntries();
    }

    interface Registry {
        /** Registries spoken to over plain HTTP besides loopback ones, as {@code host:port}. */
        Optional<java.util.List<String>> insecure();

        /** Layers downloaded at once per pull (dockerd's {@code max-concurrent-downloads}). */
        @WithDefault("3")
        int maxConcurrentDownloads();

        /** Layers uploaded at once per push (dockerd's {@code max-concurrent-uploads}). */
        @WithDefault("5")
        int maxConcurrentUploads();
    }

    interface Events {
        /** How many past events {@code GET /events?since=} can replay. */
        int keep();
    }

    interface Traces {
        /** How many traces the in-memory span store keeps. */
        int keep();
    }

    interface Tcp {
        boolean enabled();

        String host();

        int port();

        /** Plain TCP allowed (scripts/gantry serve --tcp-insecure); without it TCP means mutual TLS. */
        @WithDefault("false")
        boolean insecure();

        /**
         * Host names TCP requests may carry in {@code Host} besides IP literals, {@code localhost}, the listener's
         * own host and the machine's name: a browser on another name is refused (DNS rebinding).
         */
        Optional<java.util.List<String>> allowedHosts();
    }
}
