package dev.gantry.plugin.scan.config;

import dev.gantry.plugin.scan.support.LayerOrigin;
import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import dev.gantry.plugin.scan.support.BuiltInScanner;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules on the image config and history ({@link Rule}): each finding names the rule, its severity, a one-line
 * fix and the history step it points at; file rules (setuid/setgid, world-writable) also name the file and the
 * layer that brought it.
 */
public final class ConfigScanner extends BuiltInScanner {
    public static final String NAME = "config";
    private static final Pattern ADD_URL = Pattern.compile("(?:^|\\s)ADD\\s+(?:--\\S+\\s+)*(?:https?|ftp)://");
    private static final Pattern CURL_SH = Pattern.compile(
            "\\b(?:curl|wget)\\b[^|;&]*\\|\\s*(?:sudo\\s+)?(?:/usr)?(?:/bin/)?(?:ba|z|da|k)?sh\\b");
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)^[A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)[A-Z0-9_]*$");
    /** An ARG value as history records it: {@code |2 NAME=value OTHER=value /bin/sh -c ...}. */
    private static final Pattern ARG_PREFIX = Pattern.compile("^\\|\\d+\\s+((?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)+)");
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final int OTHER_WRITE = 0002;
    private static final int FILE_FINDINGS_CAP = 200;

    public ConfigScanner() {
        super(NAME, Set.of());
    }

    @Override
    public List<Finding> scan(ImageView image, List<Finding> previous) {
        List<Finding> out = new ArrayList<>();
        int last = image.history().size() - 1;
        String user = image.user().strip();
        if (user.isEmpty() || user.equals("root") || user.equals("0") || user.startsWith("root:") || user.startsWith("0:")) {
            out.add(Rule.ROOT_USER.finding("config User=" + (user.isEmpty() ? "(none)" : user), last));
        }
        if (!image.healthcheck()) {
            out.add(Rule.NO_HEALTHCHECK.finding("config Healthcheck", last));
        }
        String base = image.labels().getOrDefault("org.opencontainers.image.base.name", "");
        if (!base.isEmpty() && latest(base)) {
            out.add(Rule.LATEST_BASE.finding("LABEL org.opencontainers.image.base.name=" + base, 0));
        }
        for (ImageView.HistoryStep h : image.history()) {
            if (ADD_URL.matcher(h.createdBy()).find()) {
                out.add(Rule.ADD_URL.finding("history step " + h.index(), h.index()));
            }
            if (CURL_SH.matcher(h.createdBy()).find()) {
                out.add(Rule.CURL_SH.finding("history step " + h.index(), h.index()));
            }
            var args = ARG_PREFIX.matcher(h.createdBy());
            if (args.find()) {
                for (String kv : args.group(1).trim().split("\\s+")) {
                    String k = kv.substring(0, kv.indexOf('='));
                    if (SECRET_NAME.matcher(k).matches() && kv.length() > k.length() + 1) {
                        out.add(Rule.SECRET_ENV.finding("ARG " + k, h.index()));
                    }
                }
            }
        }
        for (String e : image.env()) {
            int eq = e.indexOf('=');
            String k = eq < 0 ? e : e.substring(0, eq);
            if (eq > 0 && eq < e.length() - 1 && SECRET_NAME.matcher(k).matches()) {
                out.add(Rule.SECRET_ENV.finding("ENV " + k, envStep(image, k)));
            }
        }
        if (image.exposedPorts().contains("22/tcp") || image.exposedPorts().contains("22")) {
            out.add(Rule.SSH_PORT.finding("EXPOSE 22/tcp", portStep(image)));
        }
        files(image, out);
        return List.copyOf(out);
    }

    static boolean latest(String ref) {
        if (ref.contains("@")) {
            return false;
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon <= slash || ref.substring(colon + 1).equals("latest");
    }

    private static int envStep(ImageView image, String key) {
        for (int i = image.history().size() - 1; i >= 0; i--) {
            String c = image.history().get(i).createdBy();
            if (c.contains("ENV") && c.contains(key + "=")) {
                return i;
            }
        }
        return image.history().size() - 1;
    }

    private static int portStep(ImageView image) {
        for (int i = image.history().size() - 1; i >= 0; i--) {
            if (image.history().get(i).createdBy().matches("(?s).*EXPOSE.*\\b22\\b.*")) {
                return i;
            }
        }
        return image.history().size() - 1;
    }

    private static void files(ImageView image, List<Finding> out) {
        RootFiles root = new RootFiles(image.rootfs());
        int[] counted = {0};
        try {
            RootFiles.walk(image.rootfs(), Limits.WALK_DEPTH, Limits.WALK_ENTRIES, (file, attrs) -> {
                int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                Rule r = (mode & (S_ISUID | S_ISGID)) != 0 ? Rule.SETUID
                        : (mode & OTHER_WRITE) != 0 && (mode & S_ISVTX) == 0 ? Rule.WORLD_WRITABLE : null;
                if (r != null && counted[0]++ < FILE_FINDINGS_CAP) {
                    String path = root.imagePath(file);
                    int layer = LayerOrigin.ofFile(image, path);
                    int step = image.layers().isEmpty() ? -1 : image.layers().get(layer).historyStep();
                    out.add(new Finding(Finding.Type.MISCONFIGURATION, r.id(), r.severity(),
                            r.title() + String.format(" (mode %04o)", mode & 07777), path)
                            .withFile(path, layer).withFix(r.fix(), step));
                }
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
