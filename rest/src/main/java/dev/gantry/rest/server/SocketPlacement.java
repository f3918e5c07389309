package dev.gantry.rest.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Puts the bound socket where clients look for it. A fresh bind makes the socket with the process's umask
 * (world-writable under the usual 022), so it is bound in a directory only root can enter, given mode 0660 and
 * its group there, and then renamed into place: the path clients know never names a socket with another mode.
 */
final class SocketPlacement {
    private static final Logger LOG = Logger.getLogger(SocketPlacement.class);

    private SocketPlacement() {
    }

    static void place(Path bound, Path socket, Optional<String> group) {
        try {
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-rw----"));
            if (group.isPresent()) {
                GroupPrincipal g = bound.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group.get());
                Files.getFileAttributeView(bound, PosixFileAttributeView.class).setGroup(g);
            }
        } catch (IOException e) {
            // a socket whose mode or group is unknown must not be published
            LOG.errorf("cannot set mode 0660 and group %s on %s: %s", group.orElse("root"), bound, e.getMessage());
            return;
        }
        if (bound.equals(socket)) {
            return;
        }
        try {
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(bound.getParent());
        } catch (IOException e) {
            LOG.errorf("cannot move the socket from %s to %s: %s", bound, socket, e.getMessage());
        }
    }
}
