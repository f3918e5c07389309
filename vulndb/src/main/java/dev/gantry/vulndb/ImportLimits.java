package dev.gantry.vulndb;

/**
 * The caps an import file is held to: it comes from the user, but may have been fetched from anywhere.
 *
 * @param maxFileBytes    the whole upload (compressed, for an archive)
 * @param maxEntries      files in one archive
 * @param maxEntryBytes   one JSON document, uncompressed
 * @param maxTotalBytes   all entries of an archive together, uncompressed
 * @param maxStringChars  one JSON string (a summary, a version, a name)
 * @param maxDocumentDepth JSON nesting
 */
public record ImportLimits(long maxFileBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes,
                           int maxStringChars, int maxDocumentDepth) {
    /**
     * Fit for osv.dev's largest per-ecosystem archives (Debian's all.zip holds some 50 000 entries, about 1 GiB
     * uncompressed); summaries and details of real advisories are far below the string cap.
     */
    public static final ImportLimits DEFAULT = new ImportLimits(1L << 30, 500_000, 16L << 20, 8L << 30,
            1 << 20, 64);
}
