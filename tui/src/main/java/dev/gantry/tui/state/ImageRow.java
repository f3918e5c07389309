package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One image as {@code /images/json} lists it. */
public record ImageRow(String id, List<String> tags, long size, long created) {

    public static ImageRow from(JsonNode i) {
        List<String> tags = new ArrayList<>();
        i.path("RepoTags").forEach(t -> tags.add(t.asText()));
        return new ImageRow(i.path("Id").asText(), List.copyOf(tags), i.path("Size").asLong(), i.path("Created").asLong());
    }

    /** The name to ask about (scan, removal): the first tag, else the id. */
    public String ref() {
        return tags.isEmpty() || tags.getFirst().equals("<none>:<none>") ? id : tags.getFirst();
    }

    public String shortId() {
        String s = id.startsWith("sha256:") ? id.substring(7) : id;
        return s.length() > 12 ? s.substring(0, 12) : s;
    }
}
