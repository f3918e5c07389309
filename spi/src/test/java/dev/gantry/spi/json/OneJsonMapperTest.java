package dev.gantry.spi.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Main code of every module makes no JSON mapper of its own: it uses {@link Json#MAPPER} (or a reader of it). */
class OneJsonMapperTest {
    private static final Pattern NEW_MAPPER = Pattern.compile(
            "new\\s+(ObjectMapper|JsonMapper|YAMLMapper)\\s*\\(|JsonMapper\\s*\\.\\s*builder\\s*\\(");
    private static final Path TOP = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final Path THE_ONE = Path.of("spi/src/main/java/dev/gantry/spi/json/Json.java");

    @Test
    void noMainSourceMakesItsOwnMapper() throws IOException {
        List<Path> sources = mainSources();
        assertTrue(sources.size() > 100, "the scan found the project's sources: " + sources.size());
        List<String> offenders = sources.stream().filter(p -> !TOP.relativize(p).equals(THE_ONE))
                .filter(p -> NEW_MAPPER.matcher(read(p)).find()).map(p -> TOP.relativize(p).toString()).toList();
        assertEquals(List.of(), offenders, "use dev.gantry.spi.json.Json.MAPPER (Documents.MAPPER in the engine)");
    }

    @Test
    void theScanWouldSeeOne() {
        assertTrue(NEW_MAPPER.matcher("static final ObjectMapper M = new ObjectMapper();").find());
        assertTrue(NEW_MAPPER.matcher("JsonMapper.builder().build()").find());
        assertTrue(!NEW_MAPPER.matcher("Json.MAPPER.reader()").find());
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> all = Files.walk(TOP)) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
                    .toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
