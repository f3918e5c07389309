package dev.gantry.plugin.scan.sbom;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Package URLs ({@code pkg:type/namespace/name@version?qualifiers}) as the purl specification writes them. */
public final class Purl {
    private Purl() {
    }

    public static String of(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        StringBuilder b = new StringBuilder("pkg:").append(type).append('/');
        if (namespace != null && !namespace.isEmpty()) {
            for (String seg : namespace.split("/")) {
                b.append(enc(seg)).append('/');
            }
        }
        b.append(enc(name));
        if (version != null && !version.isEmpty()) {
            b.append('@').append(enc(version));
        }
        String sep = "?";
        for (var q : new TreeMap<>(qualifiers).entrySet()) {
            if (q.getValue() != null && !q.getValue().isEmpty()) {
                b.append(sep).append(q.getKey()).append('=').append(enc(q.getValue()));
                sep = "&";
            }
        }
        return b.toString();
    }

    /** The purl's type: {@code deb}, {@code apk}, {@code rpm}, {@code pypi}, {@code npm}, {@code maven}, {@code golang}. */
    public static String type(String purl) {
        int slash = purl.indexOf('/');
        return purl.startsWith("pkg:") && slash > 4 ? purl.substring(4, slash) : "";
    }

    /** A qualifier's value, decoded, or null. */
    public static String qualifier(String purl, String key) {
        int q = purl.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String kv : purl.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(key)) {
                return java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String enc(String s) {
        // purl percent-encodes like a URL path segment ('+' of Debian versions becomes %2B, as syft writes it)
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":").replace("%7E", "~");
    }
}
