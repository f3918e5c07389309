package dev.gantry.tui.keys;

/** What the keys act on: the pane's list, or one of the views and dialogs over it. */
public enum Mode {
    LIST, FILTER, HELP, CONFIRM, LOGS, LOG_SEARCH, DETAILS, WATERFALL
}
