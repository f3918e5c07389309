package dev.gantry.core.image;

import dev.gantry.core.state.StateStore;
import dev.gantry.spi.storage.StorageDriver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The disk a layer's snapshot takes, as {@code docker system df} counts it ({@code LayersSize}). A layer never
 * changes once committed, so its usage is measured once, when it is committed, and kept in its row; a layer of a
 * data root from before that ({@code disk_usage} null) is measured the first time it is asked for and recorded.
 */
final class LayerUsage {
    private static final Logger LOG = Logger.getLogger(LayerUsage.class.getName());
    private final StateStore state;
    private final StorageDriver storage;

    LayerUsage(StateStore state, StorageDriver storage) {
        this.state = state;
        this.storage = storage;
    }

    /** Walks a committed layer's snapshot for its size. */
    long measure(String chainId) {
        return storage.usage(chainId).bytes();
    }

    /** The sum over all layers; those not measured yet are measured now and recorded. */
    long total() {
        record Row(String chain, Long usage) {
        }
        List<Row> rows = state.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, disk_usage FROM layers")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    long v = rs.getLong(2);
                    Long measured = rs.wasNull() ? null : v;
                    out.add(new Row(rs.getString(1), measured));
                }
            }
            return out;
        });
        long total = 0;
        for (Row r : rows) {
            total += r.usage() != null ? r.usage() : backfill(r.chain());
        }
        return total;
    }

    private long backfill(String chain) {
        if (storage.stat(chain).isEmpty()) {
            return 0;
        }
        long usage;
        try {
            usage = storage.usage(chain).bytes();
        } catch (RuntimeException e) {
            // removed meanwhile: nothing to count, nothing to record
            LOG.fine(() -> "layer " + chain + " could not be measured: " + e.getMessage());
            return 0;
        }
        state.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE layers SET disk_usage = ? WHERE chain_id = ?")) {
                ps.setLong(1, usage);
                ps.setString(2, chain);
                ps.executeUpdate();
            }
            return null;
        });
        return usage;
    }
}
