package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Java archives: each {@code META-INF/maven/G/A/pom.properties}, also in archives inside archives (fat jars,
 * wars), read as streams: nothing is unpacked to disk. One archive with everything in it is capped in entries,
 * inflated bytes and nesting ({@link Limits}): a zip bomb is refused, and what was found before the cap is kept.
 */
final class JarReader {
    private static final long PROPERTIES_CAP = 64 * 1024;

    private JarReader() {
    }

    static boolean wants(String path) {
        return path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear");
    }

    record Coordinates(String group, String artifact, String version, String entry) {
    }

    /** Thrown when an archive goes over a cap. */
    static final class Refused extends IOException {
        Refused(String why) {
            super(why);
        }
    }

    static void read(Sink sink, Path file, String path, int layer) {
        List<Coordinates> found = new ArrayList<>();
        try (InputStream in = RootFiles.open(file)) {
            scan(in, "", new Budget(), 0, found);
        } catch (Refused e) {
            sink.skipped(path, layer, "archive refused: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            sink.skipped(path, layer, "not a readable archive: " + e.getMessage());
        }
        for (Coordinates c : found) {
            String where = c.entry().isEmpty() ? path : path + "!" + c.entry();
            sink.add(c.group() + ":" + c.artifact(), c.version(),
                    Purl.of("maven", c.group(), c.artifact(), c.version(), Map.of()), null, where, layer);
        }
    }

    /** What one outer archive may still cost. */
    static final class Budget {
        long entries;
        long inflated;

        void entry() throws Refused {
            if (++entries > Limits.ARCHIVE_ENTRIES) {
                throw new Refused("more than " + Limits.ARCHIVE_ENTRIES + " entries");
            }
        }

        void bytes(long n) throws Refused {
            inflated += n;
            if (inflated > Limits.ARCHIVE_INFLATED_BYTES) {
                throw new Refused("inflates to more than " + Limits.ARCHIVE_INFLATED_BYTES + " bytes (a zip bomb?)");
            }
        }
    }

    static void scan(InputStream raw, String prefix, Budget budget, int depth, List<Coordinates> found) throws IOException {
        ZipInputStream zip = new ZipInputStream(raw);
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
            budget.entry();
            String name = e.getName();
            InputStream counted = new Counted(zip, budget);
            if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                Properties p = new Properties();
                byte[] b = counted.readNBytes((int) PROPERTIES_CAP);
                p.load(new java.io.StringReader(new String(b, StandardCharsets.UTF_8)));
                String g = p.getProperty("groupId");
                String a = p.getProperty("artifactId");
                String v = p.getProperty("version");
                if (g != null && a != null && v != null) {
                    found.add(new Coordinates(g.strip(), a.strip(), v.strip(), prefix));
                }
            } else if (wants(name) && !e.isDirectory()) {
                if (depth + 1 > Limits.ARCHIVE_DEPTH) {
                    throw new Refused("archives nested deeper than " + Limits.ARCHIVE_DEPTH);
                }
                scan(new Unclosable(counted), prefix.isEmpty() ? name : prefix + "!" + name, budget, depth + 1, found);
            }
            // the rest of the entry is inflated by the next getNextEntry: counted too
            counted.transferTo(OutputSinks.NULL);
        }
    }

    /** Counts inflated bytes against the budget as they are read. */
    private static final class Counted extends FilterInputStream {
        private final Budget budget;

        Counted(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                budget.bytes(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                budget.bytes(n);
            }
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    private static final class OutputSinks {
        static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();
    }
}
