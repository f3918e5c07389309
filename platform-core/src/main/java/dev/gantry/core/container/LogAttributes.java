package dev.gantry.core.container;

import dev.gantry.core.container.config.LogConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What {@code docker logs --details} puts before each line: the container's labels and environment variables that
 * its log options name ({@code labels}, {@code labels-regex}, {@code env}, {@code env-regex}), as dockerd's
 * json-file records them: {@code k=v} pairs sorted by key, query-escaped, joined by commas.
 */
public final class LogAttributes {
    private LogAttributes() {
    }

    public static String of(Container c) {
        LogConfig options = c.hostConfig().logConfig();
        Map<String, String> attrs = new TreeMap<>();
        Map<String, String> labels = new TreeMap<>(c.config().labelsOrEmpty());
        Map<String, String> env = new TreeMap<>();
        c.config().envOrEmpty().forEach(kv -> {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        });
        pick(labels, options.option("labels"), options.option("labels-regex"), attrs);
        pick(env, options.option("env"), options.option("env-regex"), attrs);
        StringBuilder out = new StringBuilder();
        attrs.forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(escape(k)).append('=').append(escape(v)));
        return out.toString();
    }

    private static void pick(Map<String, String> from, String names, String regex, Map<String, String> into) {
        for (String name : names.split(",")) {
            if (!name.isBlank() && from.containsKey(name.strip())) {
                into.put(name.strip(), from.get(name.strip()));
            }
        }
        if (!regex.isEmpty()) {
            try {
                Pattern p = Pattern.compile(regex);
                from.forEach((k, v) -> {
                    if (p.matcher(k).find()) {
                        into.put(k, v);
                    }
                });
            } catch (PatternSyntaxException e) {
                // create refuses no regex today; a bad one names nothing
            }
        }
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
