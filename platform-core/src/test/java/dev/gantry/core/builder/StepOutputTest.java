package dev.gantry.core.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepOutputTest {
    private final List<String> sent = new ArrayList<>();
    private final StepOutput out = new StepOutput(new ImageBuilder.Output() {
        @Override
        public void stream(String text) {
            sent.add(text);
        }

        @Override
        public void aux(String imageId) {
        }
    });

    @Test
    void aCharacterSplitBetweenWritesArrivesWhole() {
        byte[] text = "grüße €\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < text.length; i++) {
            out.write(1, text, i, 1);
            out.flush();
        }
        assertEquals("grüße €\n", String.join("", sent));
        sent.forEach(piece -> assertEquals(-1, piece.indexOf('\uFFFD'), piece));
    }

    @Test
    void linesAreGatheredIntoPiecesAndNothingIsLost() {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            byte[] line = (i + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(1, line, 0, line.length);
            all.append(i).append('\n');
        }
        out.flush();
        assertEquals(all.toString(), String.join("", sent));
        assertEquals(3, sent.size(), "48,894 bytes in pieces of at least 16 KiB: " + sent.size());
        for (String piece : sent.subList(0, sent.size() - 1)) {
            assertTrue(piece.length() >= 16 * 1024, "a piece of " + piece.length());
            assertEquals('\n', piece.charAt(piece.length() - 1));
        }
    }

    @Test
    void characterEndKeepsOnlyAnUnfinishedSequence() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, StepOutput.characterEnd(new byte[] {euro[0], euro[1]}));
        assertEquals(3, StepOutput.characterEnd(euro));
        assertEquals(1, StepOutput.characterEnd(new byte[] {'a', euro[0]}));
        assertEquals(0, StepOutput.characterEnd(new byte[0]));
    }
}
