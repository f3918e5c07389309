package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.core.layer.SecurePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves Docker's {@code --user} forms ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid}) against
 * the container's own {@code /etc/passwd} and {@code /etc/group}, read inside its root so links cannot escape.
 */
public final class UserLookup {
    public record Resolved(long uid, long gid, List<Long> additionalGids, String home) {
    }

    private record Entry(String name, long id, long gid, String home, List<String> members) {
    }

    private UserLookup() {
    }

    public static Resolved resolve(Path rootfs, String user, List<String> groupAdd) {
        List<Entry> passwd = read(rootfs, "/etc/passwd", true);
        List<Entry> groups = read(rootfs, "/etc/group", false);
        String userPart = user == null || user.isEmpty() ? "0" : user;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        long uid;
        long gid;
        String home = "/";
        String name = null;
        Optional<Entry> entry = find(passwd, userPart);
        if (entry.isPresent()) {
            uid = entry.get().id();
            gid = entry.get().gid();
            home = entry.get().home();
            name = entry.get().name();
        } else if (isNumber(userPart)) {
            uid = Long.parseLong(userPart);
            gid = uid == 0 ? 0 : uid;
            home = uid == 0 ? "/root" : "/";
        } else {
            throw EngineException.invalid("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        if (groupPart != null) {
            gid = groupId(groups, groupPart);
        }
        Set<Long> extra = new LinkedHashSet<>();
        if (name != null && groupPart == null) {
            for (Entry g : groups) {
                if (g.members().contains(name) && g.id() != gid) {
                    extra.add(g.id());
                }
            }
        }
        for (String g : groupAdd) {
            extra.add(groupId(groups, g));
        }
        return new Resolved(uid, gid, new ArrayList<>(extra), home);
    }

    private static long groupId(List<Entry> groups, String group) {
        Optional<Entry> g = find(groups, group);
        if (g.isPresent()) {
            return g.get().id();
        }
        if (isNumber(group)) {
            return Long.parseLong(group);
        }
        throw EngineException.invalid("unable to find group " + group + ": no matching entries in group file");
    }

    private static Optional<Entry> find(List<Entry> entries, String nameOrId) {
        for (Entry e : entries) {
            if (e.name().equals(nameOrId)) {
                return Optional.of(e);
            }
        }
        if (isNumber(nameOrId)) {
            long id = Long.parseLong(nameOrId);
            return entries.stream().filter(e -> e.id() == id).findFirst();
        }
        return Optional.empty();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 11;
    }

    private static List<Entry> read(Path rootfs, String file, boolean passwd) {
        List<Entry> entries = new ArrayList<>();
        try {
            Path p = SecurePaths.resolve(rootfs, file.substring(1));
            if (!Files.isRegularFile(p)) {
                return entries;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.split(":", -1);
                if (line.startsWith("#") || f.length < (passwd ? 7 : 4) || !isNumber(f[2])) {
                    continue;
                }
                if (passwd) {
                    entries.add(new Entry(f[0], Long.parseLong(f[2]), isNumber(f[3]) ? Long.parseLong(f[3]) : 0, f[5], List.of()));
                } else {
                    entries.add(new Entry(f[0], Long.parseLong(f[2]), 0, "", f[3].isEmpty() ? List.of() : List.of(f[3].split(","))));
                }
            }
        } catch (IOException e) {
            // an unreadable file counts as an absent one, as runc's user lookup treats it
        }
        return entries;
    }
}
