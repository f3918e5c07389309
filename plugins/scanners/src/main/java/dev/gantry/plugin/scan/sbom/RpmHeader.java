package dev.gantry.plugin.scan.sbom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The tags of one RPM header blob, as rpmdb.sqlite stores it in {@code Packages.blob}: the header without its
 * magic, big-endian {@code int32 indexCount, int32 dataLength}, then 16-byte index entries
 * {@code (tag, type, offset, count)}, then the data store. Only string tags are kept. A blob whose counts or
 * offsets do not fit in it is refused.
 */
final class RpmHeader {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;
    private static final int INT32 = 4;
    private static final int STRING = 6;
    private static final int I18NSTRING = 9;

    private RpmHeader() {
    }

    static Map<Integer, String> parse(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (blob.length < 8) {
            throw new IllegalArgumentException("header too short");
        }
        int il = b.getInt();
        int dl = b.getInt();
        long indexEnd = 8L + 16L * il;
        if (il < 0 || dl < 0 || il > 100_000 || indexEnd + dl > blob.length) {
            throw new IllegalArgumentException("header counts do not fit its " + blob.length + " bytes");
        }
        int data = (int) indexEnd;
        Map<Integer, String> tags = new HashMap<>();
        for (int i = 0; i < il; i++) {
            int tag = b.getInt(8 + 16 * i);
            int type = b.getInt(12 + 16 * i);
            int off = b.getInt(16 + 16 * i);
            int count = b.getInt(20 + 16 * i);
            if (off < 0 || off >= dl || count < 0) {
                continue;
            }
            int at = data + off;
            if (type == STRING || type == I18NSTRING) {
                int end = at;
                while (end < data + dl && blob[end] != 0) {
                    end++;
                }
                tags.put(tag, new String(blob, at, end - at, StandardCharsets.UTF_8));
            } else if (type == INT32 && count >= 1 && at + 4 <= data + dl && tag == EPOCH) {
                tags.put(tag, Integer.toString(b.getInt(at)));
            }
        }
        return tags;
    }
}
