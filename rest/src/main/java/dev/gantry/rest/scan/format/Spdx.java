package dev.gantry.rest.scan.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.scan.ScanResult;
import dev.gantry.spi.scan.Finding;
import java.util.UUID;

/**
 * The packages of a scan as an SPDX 2.3 JSON document: the image is a CONTAINER package that CONTAINS each
 * package, each with its purl as a PACKAGE-MANAGER reference. Licences as images record them are free text, not
 * always SPDX expressions: they go in {@code licenseComments}, and {@code licenseDeclared} says NOASSERTION.
 */
public final class Spdx {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Spdx() {
    }

    public static ObjectNode write(ScanResult r, String name, String toolVersion) {
        ObjectNode o = F.objectNode();
        o.put("spdxVersion", "SPDX-2.3");
        o.put("dataLicense", "CC0-1.0");
        o.put("SPDXID", "SPDXRef-DOCUMENT");
        o.put("name", name);
        o.put("documentNamespace", "https://gantry.dev/spdx/" + r.imageId().replace("sha256:", "") + "-"
                + UUID.nameUUIDFromBytes((r.cacheKey() + r.created()).getBytes()));
        ObjectNode ci = o.putObject("creationInfo");
        ci.put("created", r.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ci.putArray("creators").add("Tool: gantry-" + toolVersion);
        o.putArray("documentDescribes").add("SPDXRef-Image");
        ArrayNode pkgs = o.putArray("packages");
        ObjectNode image = pkgs.addObject();
        image.put("SPDXID", "SPDXRef-Image");
        image.put("name", name);
        image.put("versionInfo", r.imageId());
        image.put("downloadLocation", "NOASSERTION");
        image.put("filesAnalyzed", false);
        image.put("primaryPackagePurpose", "CONTAINER");
        ArrayNode rels = o.putArray("relationships");
        rels.addObject().put("spdxElementId", "SPDXRef-DOCUMENT").put("relationshipType", "DESCRIBES")
                .put("relatedSpdxElement", "SPDXRef-Image");
        int i = 0;
        for (Finding f : r.packages()) {
            Finding.Pkg p = f.pkg();
            String id = "SPDXRef-Package-" + (++i);
            ObjectNode n = pkgs.addObject();
            n.put("SPDXID", id);
            n.put("name", p.name());
            n.put("versionInfo", p.version());
            n.put("downloadLocation", "NOASSERTION");
            n.put("filesAnalyzed", false);
            n.put("licenseConcluded", "NOASSERTION");
            n.put("licenseDeclared", "NOASSERTION");
            if (p.licence() != null) {
                n.put("licenseComments", p.licence());
            }
            n.put("copyrightText", "NOASSERTION");
            if (f.id().startsWith("os:")) {
                n.put("primaryPackagePurpose", "OPERATING-SYSTEM");
            } else {
                n.put("primaryPackagePurpose", "LIBRARY");
            }
            if (p.purl() != null) {
                n.putArray("externalRefs").addObject().put("referenceCategory", "PACKAGE-MANAGER")
                        .put("referenceType", "purl").put("referenceLocator", p.purl());
            }
            if (f.file() != null) {
                n.put("sourceInfo", "found in " + f.file() + (f.layer() == null ? "" : ", layer " + f.layer()));
            }
            rels.addObject().put("spdxElementId", "SPDXRef-Image").put("relationshipType", "CONTAINS")
                    .put("relatedSpdxElement", id);
        }
        return o;
    }
}
