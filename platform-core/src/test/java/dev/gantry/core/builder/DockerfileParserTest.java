package dev.gantry.core.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
    @Test
    void directivesCommentsContinuationsAndCase() {
        List<Instruction> all = DockerfileParser.parse("""
                # escape=`
                # syntax=docker/dockerfile:1
                from busybox AS base
                # a comment
                run echo one `
                # a comment inside a continuation is dropped
                    two
                copy --chown=1:2 --from=base a b /dst/
                """);
        assertEquals(3, all.size());
        assertEquals("FROM", all.get(0).keyword());
        assertEquals("busybox AS base", all.get(0).args());
        assertEquals("echo one     two", all.get(1).args());
        assertEquals(5, all.get(1).line());
        Instruction copy = all.get(2);
        assertEquals(Map.of("chown", "1:2", "from", "base"), copy.flags());
        assertEquals("a b /dst/", copy.args());
    }

    @Test
    void execAndShellForms() {
        List<Instruction> all = DockerfileParser.parse("""
                FROM busybox
                CMD ["sh", "-c", "echo hi"]
                ENTRYPOINT echo [not json
                HEALTHCHECK --interval=5s CMD ["true"]
                """);
        assertEquals(Optional.of(List.of("sh", "-c", "echo hi")), all.get(1).json());
        assertTrue(all.get(2).json().isEmpty(), "not JSON: the shell form, as Docker falls back");
        assertEquals(Optional.of(List.of("true")), all.get(3).json());
        assertEquals("5s", all.get(3).flag("interval", ""));
    }

    @Test
    void heredocs() {
        List<Instruction> all = DockerfileParser.parse("""
                FROM busybox
                RUN <<EOF
                echo a
                echo b
                EOF
                COPY <<-'END' /x
                \tliteral $HOME
                END
                CMD ["true"]
                """);
        assertEquals(4, all.size());
        Instruction run = all.get(1);
        assertEquals("echo a\necho b\n", run.heredocs().getFirst().body());
        assertEquals("echo a\necho b\n", Heredocs.script(run));
        Instruction.Heredoc copy = all.get(2).heredocs().getFirst();
        assertEquals("literal $HOME\n", copy.body());
        assertTrue(!copy.expand());
        assertEquals("CMD", all.get(3).keyword());
    }

    @Test
    void errorsNameTheLine() {
        var e = assertThrows(DockerfileParser.ParseError.class, () -> DockerfileParser.parse("FROM busybox\n\nFETCH x\n"));
        assertEquals("dockerfile parse error on line 3: unknown instruction: FETCH", e.getMessage());
    }

    @Test
    void variables() {
        Map<String, String> vars = Map.of("A", "1", "EMPTY", "");
        assertEquals("1-1-x-y-", Variables.expand("$A-${A}-${B:-x}-${A:+y}-${B:+z}", vars, '\\', 1));
        assertEquals("d", Variables.expand("${EMPTY:-d}", vars, '\\', 1));
        assertEquals("", Variables.expand("${EMPTY-d}", vars, '\\', 1));
        assertEquals("$A '$A'", Variables.expand("\\$A '$A'", vars, '\\', 1));
    }

    @Test
    void wordsAndPairs() {
        assertEquals(List.of("a b", "c", "d\"e"), Words.split("\"a b\" c 'd\"e'", '\\'));
        List<String[]> pairs = Words.pairs("A=1 B=\"two words\"", '\\', true);
        assertEquals("two words", pairs.get(1)[1]);
        List<String[]> legacy = Words.pairs("KEY value with spaces", '\\', true);
        assertEquals("KEY", legacy.getFirst()[0]);
        assertEquals("value with spaces", legacy.getFirst()[1]);
    }

    @Test
    void dockerIgnoreRules() {
        DockerIgnore ignore = DockerIgnore.parse("""
                # comment
                /secret.txt
                **/*.log
                build
                !build/keep.txt
                """);
        assertTrue(ignore.excludes("secret.txt"));
        assertTrue(ignore.excludes("a/b/debug.log"));
        assertTrue(ignore.excludes("debug.log"));
        assertTrue(ignore.excludes("build/out.bin"), "under an excluded directory");
        assertTrue(!ignore.excludes("build/keep.txt"), "an exception brings it back");
        assertTrue(!ignore.excludes("src/main.c"));
        assertTrue(!ignore.excludes("sub/secret.txt"), "a leading / anchors nothing more than the root");
    }

    @Test
    void healthcheckDurations() {
        Instruction i = DockerfileParser.parse("HEALTHCHECK --interval=1m30s --retries=2 CMD true\n").getFirst();
        var hc = Healthchecks.parse(i);
        assertEquals(90_000_000_000L, hc.interval());
        assertEquals(2, hc.retries());
        assertEquals(java.util.List.of("CMD-SHELL", "true"), hc.test());
    }
}
