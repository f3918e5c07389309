package dev.gantry.plugin.scan.secrets;

import dev.gantry.spi.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** Finds secrets in text, line by line. */
final class TextScan {
    private static final int LINE_CAP = 4096;

    private TextScan() {
    }

    /** The findings in {@code text}, located at {@code location}; {@code dotenv} adds the .env rule. */
    static List<Finding> scan(String text, String location, boolean dotenv) {
        List<Finding> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].length() > LINE_CAP ? lines[i].substring(0, LINE_CAP) : lines[i];
            for (SecretRule r : SecretRule.ALL) {
                match(r, line, location, i + 1, out);
            }
            if (dotenv) {
                match(SecretRule.DOTENV, line, location, i + 1, out);
            }
        }
        return out;
    }

    private static void match(SecretRule r, String line, String location, int lineNo, List<Finding> out) {
        Matcher m = r.pattern().matcher(line);
        while (m.find()) {
            String secret = m.group(r.group());
            out.add(new Finding(Finding.Type.SECRET, r.id(), r.severity(), r.title(), location)
                    .withLine(lineNo).withMaskedValue(Masks.mask(secret)));
        }
    }
}
