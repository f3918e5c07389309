package dev.gantry.core.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gantry.core.content.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextFilesTest {
    @TempDir
    Path tmp;

    @Test
    void checksumNeitherFollowsLinksNorOpensFifos() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside"), "one");
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.createSymbolicLink(ctx.resolve("x"), outside);
        assertEquals(0, new ProcessBuilder("mkfifo", ctx.resolve("pipe").toString()).start().waitFor());
        String link = ContextFiles.checksum(ctx.resolve("x"), Digest.sha256());
        String before = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ContextFiles.checksum(ctx, Digest.sha256()));
        Files.writeString(outside, "two");
        // the host file behind the link is not part of the context: changing it changes nothing
        assertEquals(before, ContextFiles.checksum(ctx, Digest.sha256()));
        assertEquals(link, ContextFiles.checksum(ctx.resolve("x"), Digest.sha256()));
        assertEquals(before, ContextFiles.checksum(ctx.resolve("."), Digest.sha256()));
    }

    @Test
    void lookupsStayInTheRootAndReadOnlyRegularFiles() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret"), "host");
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.createSymbolicLink(ctx.resolve(".dockerignore"), outside);
        Files.createSymbolicLink(ctx.resolve("up"), Path.of("../../../.." + outside));
        Files.createDirectories(ctx.resolve(tmp.toString().substring(1)));
        Files.writeString(ctx.resolve(outside.toString().substring(1)), "inside");
        assertEquals(0, new ProcessBuilder("mkfifo", ctx.resolve("pipe").toString()).start().waitFor());
        try (RootLookup lookup = RootLookup.open(ctx)) {
            assertEquals(Optional.of("inside"), ContextFiles.readRegular(lookup.resolve(".dockerignore")));
            assertEquals(Optional.of("inside"), ContextFiles.readRegular(lookup.resolve("up")));
            assertEquals(Optional.empty(), ContextFiles.readRegular(lookup.resolve("missing")));
            assertEquals(Optional.empty(), assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> ContextFiles.readRegular(lookup.resolve("pipe"))));
        }
    }
}
