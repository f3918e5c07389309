package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The constraints of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) and of the SPDX 2.3 JSON schema that
 * Gantry's output touches, checked as facts: no copy of either schema exists in a Maven artifact here.
 */
final class SarifShape {
    private static final Set<String> LOG_PROPERTIES = Set.of("$schema", "version", "runs", "inlineExternalProperties", "properties");
    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    private SarifShape() {
    }

    static void check(JsonNode log) {
        log.fieldNames().forEachRemaining(f -> assertTrue(LOG_PROPERTIES.contains(f), "sarifLog has no property " + f));
        assertEquals("2.1.0", log.path("version").asText());
        assertTrue(log.path("runs").isArray(), "runs is an array");
        for (JsonNode run : log.path("runs")) {
            JsonNode driver = run.path("tool").path("driver");
            assertTrue(driver.path("name").isTextual(), "tool.driver.name is required");
            JsonNode rules = driver.path("rules");
            Set<String> ids = new HashSet<>();
            for (JsonNode rule : rules) {
                assertTrue(rule.path("id").isTextual(), "reportingDescriptor.id is required");
                ids.add(rule.path("id").asText());
                if (rule.has("defaultConfiguration")) {
                    assertTrue(LEVELS.contains(rule.path("defaultConfiguration").path("level").asText()));
                }
                if (rule.has("shortDescription")) {
                    assertTrue(rule.path("shortDescription").path("text").isTextual(), "multiformatMessageString.text is required");
                }
            }
            for (JsonNode r : run.path("results")) {
                JsonNode m = r.path("message");
                assertTrue(m.path("text").isTextual() || m.path("id").isTextual(), "result.message needs text or id");
                assertTrue(!r.has("level") || LEVELS.contains(r.path("level").asText()), "level " + r.path("level"));
                if (r.has("ruleIndex")) {
                    int i = r.path("ruleIndex").asInt();
                    assertTrue(i >= -1 && i < rules.size(), "ruleIndex in range");
                    assertEquals(rules.get(i).path("id").asText(), r.path("ruleId").asText(), "ruleId matches its rule");
                }
                for (JsonNode loc : r.path("locations")) {
                    JsonNode pl = loc.path("physicalLocation");
                    if (!pl.isMissingNode()) {
                        assertTrue(pl.path("artifactLocation").path("uri").isTextual());
                        assertTrue(!pl.path("artifactLocation").path("uri").asText().startsWith("/"), "a relative reference");
                        if (pl.has("region")) {
                            assertTrue(pl.path("region").path("startLine").asInt() >= 1, "startLine minimum 1");
                        }
                    } else {
                        assertTrue(loc.path("logicalLocations").isArray() && !loc.path("logicalLocations").isEmpty());
                    }
                }
            }
        }
    }

    static void checkSpdx(JsonNode d) {
        assertEquals("SPDX-2.3", d.path("spdxVersion").asText());
        assertEquals("CC0-1.0", d.path("dataLicense").asText());
        assertEquals("SPDXRef-DOCUMENT", d.path("SPDXID").asText());
        assertTrue(d.path("name").isTextual() && d.path("documentNamespace").asText().matches("https://\\S+"));
        assertTrue(d.path("creationInfo").path("created").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertTrue(d.path("creationInfo").path("creators").get(0).asText().startsWith("Tool: "));
        Set<String> ids = new HashSet<>();
        for (JsonNode p : d.path("packages")) {
            String id = p.path("SPDXID").asText();
            assertTrue(id.matches("SPDXRef-[a-zA-Z0-9.-]+"), id);
            assertTrue(ids.add(id), "unique " + id);
            assertTrue(p.path("name").isTextual() && p.path("downloadLocation").isTextual());
            for (JsonNode ref : p.path("externalRefs")) {
                assertEquals("PACKAGE-MANAGER", ref.path("referenceCategory").asText());
                assertTrue(ref.path("referenceLocator").asText().startsWith("pkg:"));
            }
        }
        for (JsonNode r : d.path("relationships")) {
            assertTrue(ids.contains(r.path("relatedSpdxElement").asText()));
        }
    }
}
