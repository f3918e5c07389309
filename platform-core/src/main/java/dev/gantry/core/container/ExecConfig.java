package dev.gantry.core.container;

import java.util.List;

/**
 * What {@code docker exec} asks for: the command and how it runs ({@code env} entries are added to the
 * container's own, a blank {@code user} or {@code workingDir} keeps the container's), and which streams the
 * client attaches. {@code detachKeys} is the client's spelling ({@code ctrl-p,ctrl-q}), blank for the default.
 */
public record ExecConfig(List<String> cmd, List<String> env, String user, String workingDir, boolean tty,
                         boolean privileged, boolean attachStdin, boolean attachStdout, boolean attachStderr,
                         String detachKeys) {
    public ExecConfig {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        user = user == null ? "" : user;
        workingDir = workingDir == null ? "" : workingDir;
        detachKeys = detachKeys == null ? "" : detachKeys;
    }

    /** A probe's command with its output taken, as health checks run it. */
    public static ExecConfig probe(List<String> cmd) {
        return new ExecConfig(cmd, List.of(), "", "", false, false, false, true, true, "");
    }
}
