package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading an image and its layers from their rows (the index, {@link ImageIndex}, finds them by name). */
final class ImageRows {
    private ImageRows() {
    }

    static ImageRecord load(Connection c, ContentStore content, Digest id) throws SQLException {
        List<LayerRecord> layers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT l.chain_id, l.diff_id, l.parent, l.blob, l.blob_media_type, l.size
                FROM image_layers il JOIN layers l ON l.chain_id = il.chain_id
                WHERE il.image_id = ? ORDER BY il.position""")) {
            ps.setString(1, id.toString());
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                layers.add(layer(rs));
            }
        }
        List<Reference> refs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ref FROM image_refs WHERE image_id = ? ORDER BY created, ref")) {
            ps.setString(1, id.toString());
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                refs.add(Reference.parse(rs.getString(1)));
            }
        }
        Instant created;
        try (PreparedStatement ps = c.prepareStatement("SELECT created FROM images WHERE id = ?")) {
            ps.setString(1, id.toString());
            ResultSet rs = ps.executeQuery();
            rs.next();
            created = Instant.ofEpochMilli(rs.getLong(1));
        }
        try {
            return new ImageRecord(id, ImageConfigCodec.decode(content.read(id)), layers, refs, created);
        } catch (IOException e) {
            throw new UncheckedIOException("config blob of " + id + " is unreadable", e);
        }
    }

    static LayerRecord layer(ResultSet rs) throws SQLException {
        return new LayerRecord(Digest.parse(rs.getString(1)), Digest.parse(rs.getString(2)),
                Optional.ofNullable(rs.getString(3)).map(Digest::parse), Optional.ofNullable(rs.getString(4)).map(Digest::parse),
                rs.getString(5), rs.getLong(6));
    }

}
