package dev.gantry.core.image;

import dev.gantry.core.content.Digest;
import java.util.Optional;

/**
 * A layer as the engine keeps it: its snapshot (key = chainID), the diffID it was verified against, and the blob
 * in the content store it came from (compressed or not), for save and push.
 */
public record LayerRecord(Digest chainId, Digest diffId, Optional<Digest> parent, Optional<Digest> blob,
                          String blobMediaType, long size) {
    /** chainID(n) = sha256(chainID(n-1) + " " + diffID(n)); chainID(1) = diffID(1), per the OCI image spec. */
    public static Digest chain(Optional<Digest> parent, Digest diffId) {
        return parent.map(p -> Digest.of((p + " " + diffId).getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .orElse(diffId);
    }
}
