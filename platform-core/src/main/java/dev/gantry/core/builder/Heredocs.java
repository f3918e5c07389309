package dev.gantry.core.builder;

/** The shell script a RUN with here-documents stands for. */
final class Heredocs {
    private Heredocs() {
    }

    /**
     * {@code RUN <<EOF ... EOF} alone runs the document as the script; with a command before it
     * ({@code RUN python3 <<EOF}) the shell gets the line and the documents, and feeds them itself.
     */
    static String script(Instruction i) {
        if (i.heredocs().isEmpty()) {
            return i.args();
        }
        String line = i.args().strip();
        if (i.heredocs().size() == 1 && line.matches("<<-?['\"]?" + i.heredocs().getFirst().delimiter() + "['\"]?")) {
            return i.heredocs().getFirst().body();
        }
        StringBuilder sb = new StringBuilder(line).append('\n');
        for (Instruction.Heredoc h : i.heredocs()) {
            sb.append(h.body()).append(h.delimiter()).append('\n');
        }
        return sb.toString();
    }
}
