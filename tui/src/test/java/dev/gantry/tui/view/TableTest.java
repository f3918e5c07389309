package dev.gantry.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableTest {
    private static final List<Table.Row> ROWS = IntStream.range(0, 200)
            .mapToObj(i -> new Table.Row("c" + i, List.of("c" + i))).toList();

    @Test
    void onlyTheRowsOnScreenAreShown() {
        // a 40-line terminal: 36 body lines, a header, 35 rows
        assertEquals(35, Table.shown(ROWS, 0, 36).size());
        assertEquals("c0", Table.shown(ROWS, 0, 36).getFirst());
        List<String> scrolled = Table.shown(ROWS, 100, 36);
        assertEquals("c66", scrolled.getFirst());
        assertEquals("c100", scrolled.getLast());
        assertEquals(List.of("c0", "c1"), Table.shown(ROWS.subList(0, 2), 5, 36));
    }

    @Test
    void flexibleColumnsShareTheRoomLeft() {
        int[] w = Table.widths(List.of(Table.fixed("A", 4), Table.flex("B", 2), Table.flex("C", 2)), 20);
        // 20 columns less the fixed 4 + 2 + 2 and a space after each: 9 left, 4 to each flexible one
        assertEquals(List.of(4, 6, 6), java.util.Arrays.stream(w).boxed().toList());
    }
}
