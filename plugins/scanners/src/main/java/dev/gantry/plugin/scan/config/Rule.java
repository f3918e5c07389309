package dev.gantry.plugin.scan.config;

import dev.gantry.spi.scan.Finding;

/** A config rule: its id, severity, what it says and the one-line fix. */
record Rule(String id, String severity, String title, String fix) {
    static final Rule ROOT_USER = new Rule("GANTRY-CFG-001", "HIGH", "Image runs as root (no USER)",
            "Add a USER instruction with a non-root user after the steps that need root.");
    static final Rule NO_HEALTHCHECK = new Rule("GANTRY-CFG-002", "LOW", "No HEALTHCHECK",
            "Add a HEALTHCHECK instruction that probes the service.");
    static final Rule LATEST_BASE = new Rule("GANTRY-CFG-003", "MEDIUM", "Base image is 'latest' or untagged",
            "Pin the base image in FROM to a version tag or a digest.");
    static final Rule ADD_URL = new Rule("GANTRY-CFG-004", "MEDIUM", "ADD fetches a URL",
            "Download with a checked RUN step (curl + checksum) or use COPY for local files.");
    static final Rule CURL_SH = new Rule("GANTRY-CFG-005", "HIGH", "A downloaded script is piped into a shell",
            "Download the script to a file, verify its checksum or signature, then run it.");
    static final Rule SECRET_ENV = new Rule("GANTRY-CFG-006", "HIGH", "Secret-looking value in ENV or ARG",
            "Pass secrets at run time or with RUN --mount=type=secret, never in ENV or ARG.");
    static final Rule SETUID = new Rule("GANTRY-CFG-007", "LOW", "setuid/setgid file",
            "Drop the setuid/setgid bit (chmod u-s,g-s) unless the program needs it.");
    static final Rule WORLD_WRITABLE = new Rule("GANTRY-CFG-008", "MEDIUM", "World-writable file or directory",
            "Remove write permission for others (chmod o-w) or set the sticky bit on shared directories.");
    static final Rule SSH_PORT = new Rule("GANTRY-CFG-009", "MEDIUM", "Port 22 (SSH) exposed",
            "Do not run sshd in the container; use docker exec to get a shell.");

    Finding finding(String location, Integer step) {
        return new Finding(Finding.Type.MISCONFIGURATION, id, severity, title, location).withFix(fix, step);
    }
}
