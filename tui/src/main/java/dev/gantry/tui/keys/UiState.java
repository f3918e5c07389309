package dev.gantry.tui.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.tui.state.FoldedJson;
import dev.gantry.tui.state.LogBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** Where the user is: pane, selection, filters, and the open view or dialog. Touched by the UI thread only. */
public final class UiState {
    public static final int PANES = 8;
    int pane = 1;
    final int[] selected = new int[PANES + 1];
    final String[] filter = new String[PANES + 1];
    Mode mode = Mode.LIST;
    String input = "";
    String confirmPrompt = "";
    Runnable confirmed;
    String title = "";
    LogBuffer logs;
    CompletableFuture<JsonNode> detailsLoading;
    FoldedJson details;
    int detailsSelected;
    String traceId;
    int spanSelected;

    public UiState() {
        Arrays.fill(filter, "");
    }

    public int pane() {
        return pane;
    }

    public Mode mode() {
        return mode;
    }

    public int selected() {
        return selected[pane];
    }

    public String filter() {
        return filter[pane];
    }

    public String input() {
        return input;
    }

    public String confirmPrompt() {
        return confirmPrompt;
    }

    public String title() {
        return title;
    }

    public LogBuffer logs() {
        return logs;
    }

    /** The inspected JSON once it has arrived (null while loading). */
    public FoldedJson details() {
        if (details == null && detailsLoading != null && detailsLoading.isDone() && !detailsLoading.isCompletedExceptionally()) {
            details = new FoldedJson(detailsLoading.join());
        }
        return details;
    }

    public String detailsError() {
        if (detailsLoading != null && detailsLoading.isCompletedExceptionally()) {
            try {
                detailsLoading.join();
            } catch (RuntimeException e) {
                return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            }
        }
        return null;
    }

    public int detailsSelected() {
        return detailsSelected;
    }

    public String traceId() {
        return traceId;
    }

    public int spanSelected() {
        return spanSelected;
    }
}
