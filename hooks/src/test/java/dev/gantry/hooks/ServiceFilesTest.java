package dev.gantry.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hooks jar repeats the GraalVM jars' service declarations (Quarkus' aot-jar class loader answers service files
 * from the application's jars only, so without them Truffle finds no {@code js}). This keeps the copies equal to
 * the declarations of the GraalVM version on the class path: an upgrade that adds, drops or renames a provider
 * fails here, not in a running engine.
 */
class ServiceFilesTest {
    private static final String SERVICES = "META-INF/services/";

    @Test
    void theCopiesAreTheGraalVmJarsOwnDeclarations() throws IOException {
        Map<String, Set<String>> declared = new TreeMap<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && entry.replace(File.separatorChar, '/').contains("/org/graalvm/")) {
                try (JarFile jar = new JarFile(entry)) {
                    for (var e : jar.stream().filter(e -> e.getName().startsWith(SERVICES) && !e.isDirectory()).toList()) {
                        try (InputStream in = jar.getInputStream(e)) {
                            declared.computeIfAbsent(e.getName().substring(SERVICES.length()), k -> new TreeSet<>())
                                    .addAll(providers(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
        }
        assertFalse(declared.isEmpty(), "no GraalVM jar on the class path: " + classPath);
        Map<String, Set<String>> copied = new TreeMap<>();
        Path ours = Path.of(System.getProperty("user.dir"), "src/main/resources", SERVICES);
        try (Stream<Path> files = Files.list(ours)) {
            for (Path f : files.toList()) {
                copied.put(f.getFileName().toString(), providers(Files.readString(f)));
            }
        }
        assertEquals(declared, copied);
    }

    private static Set<String> providers(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            String name = line.replaceAll("#.*", "").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
