package dev.gantry.core.container.store;

import dev.gantry.core.container.config.EndpointConfig;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.state.Documents;
import java.io.IOException;

/**
 * A container record as the state store keeps it: one JSON document, the record's fields by name, with its
 * configs in Docker's form. The shape is the one Gantry has always written, so existing data roots load.
 */
public final class ContainerDocument {
    private static final ObjectMapper MAPPER = Documents.MAPPER.copy().registerModule(new SimpleModule("container-document")
            .addSerializer(ContainerConfig.class, new JsonSerializer<>() {
                @Override
                public void serialize(ContainerConfig v, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeTree(ContainerConfigDocument.write(v));
                }
            })
            .addDeserializer(ContainerConfig.class, new JsonDeserializer<>() {
                @Override
                public ContainerConfig deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                    return ContainerConfigDocument.read(p.readValueAsTree());
                }

                @Override
                public ContainerConfig getNullValue(DeserializationContext ctx) {
                    return ContainerConfig.empty();
                }
            })
            .addSerializer(EndpointConfig.class, new JsonSerializer<>() {
                @Override
                public void serialize(EndpointConfig v, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeTree(EndpointConfigDocument.write(v));
                }
            })
            .addDeserializer(EndpointConfig.class, new JsonDeserializer<>() {
                @Override
                public EndpointConfig deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                    return EndpointConfigDocument.read(p.readValueAsTree());
                }

                @Override
                public EndpointConfig getNullValue(DeserializationContext ctx) {
                    return EndpointConfig.none();
                }
            }));

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
}
