package dev.gantry.core.container.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.state.Documents;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A container record as the state store keeps it: one JSON document, the record's fields by name, with its
 * configs in Docker's form. The shape is the one Gantry has always written, so existing data roots load.
 */
public final class ContainerDocument {
    private static final ObjectMapper MAPPER;

    static {
        SimpleModule m = new SimpleModule("container-document");
        docker(m, ContainerConfig.class, ContainerConfigDocument::write, ContainerConfigDocument::read, ContainerConfig::empty);
        docker(m, EndpointConfig.class, EndpointConfigDocument::write, EndpointConfigDocument::read, EndpointConfig::none);
        docker(m, HostConfig.class, HostConfigDocument::write, HostConfigDocument::read, HostConfig::empty);
        MAPPER = Documents.MAPPER.copy().registerModule(m);
    }

    private ContainerDocument() {
    }

    public static Container read(String doc) {
        try {
            return MAPPER.readValue(doc, Container.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable container record: " + e.getMessage(), e);
        }
    }

    public static String write(Container c) {
        try {
            return MAPPER.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A typed part kept in Docker's form through its codec; {@code null} in a document reads as {@code none}. */
    private static <T> void docker(SimpleModule m, Class<T> type, Function<T, JsonNode> write,
                                   Function<JsonNode, T> read, Supplier<T> none) {
        m.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeTree(write.apply(v));
            }
        });
        m.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return read.apply(p.readValueAsTree());
            }

            @Override
            public T getNullValue(DeserializationContext ctx) {
                return none.get();
            }
        });
    }
}
