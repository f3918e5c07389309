package dev.gantry.vulndb.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.state.Documents;
import dev.gantry.vulndb.ImportLimits;
import dev.gantry.vulndb.ImportTooLargeException;
import dev.gantry.vulndb.osv.OsvAdvisory;
import dev.gantry.vulndb.osv.OsvParser;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads an import file, hostile until proven otherwise, and hands each OSV record to a consumer: a zip archive
 * (by its first bytes) of {@code *.json} entries, or one JSON document holding a record or an array of them.
 * Every byte count is of bytes actually read, never of sizes the archive claims. The first bad entry ends the
 * read with an error naming it; the caller's transaction then keeps nothing of the file.
 */
final class ImportReader {
    /** A plain JSON file may be this many times an archive entry's cap: bigger collections come as archives. */
    private static final int PLAIN_JSON_ENTRIES = 4;
    private final ImportLimits limits;
    private final JsonFactory factory;

    ImportReader(ImportLimits limits) {
        this.limits = limits;
        // its own parser limits (the file is hostile), read into the one mapper
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(limits.maxStringChars()).maxNestingDepth(limits.maxDocumentDepth())
                .maxNumberLength(100).build()).build();
        this.factory = factory;
    }

    /** Reads the whole file; returns the number of archive entries read (1 for a plain JSON file). */
    int read(InputStream raw, Consumer<OsvAdvisory> sink) {
        var in = new BufferedInputStream(new CappedStream(raw, limits.maxFileBytes(), "the import file"));
        try {
            in.mark(4);
            byte[] head = in.readNBytes(4);
            in.reset();
            if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return readZip(in, sink);
            }
            if (head.length == 0) {
                throw EngineException.invalid("the import file is empty");
            }
            readJson(new CappedStream(in, limits.maxEntryBytes() * PLAIN_JSON_ENTRIES, "the JSON file"),
                    "the JSON file", sink);
            return 1;
        } catch (IOException e) {
            throw EngineException.invalid("cannot read the import file: " + e.getMessage());
        }
    }

    private int readZip(InputStream in, Consumer<OsvAdvisory> sink) throws IOException {
        int entries = 0;
        long total = 0;
        try (var zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new ImportTooLargeException("the archive has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName().length() > 200 ? entry.getName().substring(0, 200) + "..."
                        : entry.getName();
                if (entry.isDirectory() || !name.endsWith(".json")) {
                    total += drain(zip, name);
                } else {
                    var capped = new CappedStream(zip, limits.maxEntryBytes(), "archive entry " + name);
                    readJson(capped, "archive entry " + name, sink);
                    total += capped.count + drain(zip, name);
                }
                if (total > limits.maxTotalBytes()) {
                    throw new ImportTooLargeException("the archive holds more than " + limits.maxTotalBytes()
                            + " bytes uncompressed");
                }
            }
        } catch (ZipException e) {
            throw EngineException.invalid("not a readable zip archive: " + e.getMessage());
        }
        if (entries == 0) {
            throw EngineException.invalid("the archive has no entries");
        }
        return entries;
    }

    /** Skips what is left of an entry, still counting it against the caps. */
    private long drain(InputStream entry, String name) throws IOException {
        var capped = new CappedStream(entry, limits.maxEntryBytes(), "archive entry " + name);
        capped.transferTo(java.io.OutputStream.nullOutputStream());
        return capped.count;
    }

    private void readJson(InputStream in, String what, Consumer<OsvAdvisory> sink) {
        try (JsonParser parser = factory.createParser(new NonClosing(in))) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    sink.accept(record(Documents.MAPPER.readTree(parser), what));
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    throw EngineException.invalid(what + ": expected an array of OSV records");
                }
            } else if (first == JsonToken.START_OBJECT) {
                sink.accept(record(Documents.MAPPER.readTree(parser), what));
            } else {
                throw EngineException.invalid(what + ": not an OSV record or an array of them");
            }
            if (parser.nextToken() != null) {
                throw EngineException.invalid(what + ": trailing content after the JSON document");
            }
        } catch (StreamConstraintsException e) {
            throw EngineException.invalid(what + ": " + e.getOriginalMessage());
        } catch (ImportTooLargeException | EngineException e) {
            throw e;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw EngineException.invalid(what + ": malformed JSON: " + firstLine(e.getOriginalMessage())
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw EngineException.invalid(what + ": cannot read: " + firstLine(e.getMessage()));
        }
    }

    private static OsvAdvisory record(JsonNode node, String what) {
        try {
            return OsvParser.parse(node);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid(what + ": " + e.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Counts what passes and refuses to pass more than the cap. */
    static final class CappedStream extends FilterInputStream {
        private final long cap;
        private final String what;
        long count;

        CappedStream(InputStream in, long cap, String what) {
            super(in);
            this.cap = cap;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
        }

        private void add(int n) {
            count += n;
            if (count > cap) {
                throw new ImportTooLargeException(what + " is larger than " + cap + " bytes");
            }
        }
    }

    /** Jackson closes its source at the end; an archive entry's stream must stay open for the next one. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
