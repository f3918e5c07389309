package dev.gantry.core.content;

import dev.gantry.core.EngineException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 hex>}. Only sha256 is accepted: it is what images use. */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw EngineException.invalid("invalid digest hex: " + hex);
        }
    }

    public static Digest parse(String s) {
        if (s == null || !s.startsWith("sha256:")) {
            throw EngineException.invalid("invalid digest " + s + ": only sha256 is supported");
        }
        return new Digest(s.substring("sha256:".length()));
    }

    public static boolean isDigest(String s) {
        return s != null && s.startsWith("sha256:") && HEX.matcher(s.substring(7)).matches();
    }

    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Digest of(MessageDigest finished) {
        return new Digest(HexFormat.of().formatHex(finished.digest()));
    }

    /** The first 12 hex characters, as {@code docker images} shows IDs. */
    public String shortId() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
