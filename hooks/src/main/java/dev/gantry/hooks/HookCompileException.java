package dev.gantry.hooks;

/** A hook file that could not be loaded: its message and line (0 when the error has no place in the file). */
public final class HookCompileException extends Exception {
    private final int line;

    public HookCompileException(String message, int line) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
