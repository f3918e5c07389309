package dev.gantry.rest.networks;

import dev.gantry.core.container.store.EndpointConfigDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.network.EndpointRecord;
import dev.gantry.core.network.NetworkRecord;
import dev.gantry.core.network.NetworkStore;
import dev.gantry.core.network.Networking;
import dev.gantry.core.network.Pool;
import dev.gantry.rest.api.JsonMaps;
import dev.gantry.rest.api.PruneFilters;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Docker API for networks: list, inspect, create, remove, prune. */
@Path("/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworksResource {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Networking networking;
    private final ContainerSupervisor supervisor;

    NetworksResource(Networking networking, ContainerSupervisor supervisor) {
        this.networking = networking;
        this.supervisor = supervisor;
    }

    private NetworkStore store() {
        return networking.store();
    }

    /** On the event loop: networks and their endpoints are in memory ({@code NetworkStore}). */
    @GET
    @io.smallrye.common.annotation.NonBlocking
    public ArrayNode list(@QueryParam("filters") String filters) {
        var keep = NetworkFilters.parse(filters, n -> !store().endpoints(n.id()).isEmpty());
        ArrayNode out = JSON.arrayNode();
        for (NetworkRecord n : store().list()) {
            if (keep.test(n)) {
                out.add(json(n, false));
            }
        }
        return out;
    }

    /** {@code verbose} only adds swarm services, which a single engine has none of; {@code scope} must be ours. */
    @GET
    @Path("{id}")
    public ObjectNode inspect(@PathParam("id") String id, @QueryParam("verbose") String verbose,
                              @QueryParam("scope") String scope) {
        NetworkRecord n = store().resolve(id);
        if (scope != null && !scope.isEmpty() && !scope.equals("local")) {
            if (!Set.of("swarm", "global").contains(scope)) {
                throw EngineException.invalid("invalid scope " + scope + ": must be local, global or swarm");
            }
            throw EngineException.notFound("network " + id + " not found");
        }
        return json(n, true);
    }

    @POST
    @Path("create")
    public Response create(JsonNode body) {
        if (body == null || body.path("Name").asText("").isEmpty()) {
            throw EngineException.invalid("network name is required");
        }
        String driver = body.path("Driver").asText("bridge");
        if (driver.isEmpty()) {
            driver = "bridge";
        }
        networking.checkCreatable(driver);
        String ipamDriver = body.path("IPAM").path("Driver").asText("default");
        if (!ipamDriver.isEmpty() && !ipamDriver.equals("default")) {
            throw EngineException.notFound("plugin \"" + ipamDriver + "\" not found");
        }
        List<NetworkStore.PoolRequest> pools = new ArrayList<>();
        JsonNode config = body.path("IPAM").path("Config");
        if (config.isArray()) {
            for (JsonNode c : config) {
                pools.add(new NetworkStore.PoolRequest(text(c, "Subnet"), text(c, "Gateway"), text(c, "IPRange"),
                        JsonMaps.strings(c.path("AuxiliaryAddresses"))));
            }
        }
        NetworkRecord n = networking.create(new NetworkStore.Request(body.path("Name").asText(), driver, pools,
                body.path("EnableIPv6").asBoolean(false), body.path("Internal").asBoolean(false),
                body.path("Attachable").asBoolean(false), JsonMaps.strings(body.path("Labels")),
                JsonMaps.strings(body.path("Options"))));
        return Response.status(201).entity(JSON.objectNode().put("Id", n.id()).put("Warning", "")).build();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.of(node.path(field).asText("")).filter(s -> !s.isEmpty());
    }

    @POST
    @Path("{id}/connect")
    public Response connect(@PathParam("id") String id, JsonNode body) {
        String container = container(body);
        NetworkRecord n = store().resolve(id);
        supervisor.connect(container, n.id(), EndpointConfigDocument.read(body.path("EndpointConfig")));
        return Response.ok().build();
    }

    @POST
    @Path("{id}/disconnect")
    public Response disconnect(@PathParam("id") String id, JsonNode body) {
        String container = container(body);
        supervisor.disconnect(container, id, body.path("Force").asBoolean(false));
        return Response.ok().build();
    }

    private static String container(JsonNode body) {
        String container = body == null ? "" : body.path("Container").asText("");
        if (container.isEmpty()) {
            throw EngineException.invalid("container is required");
        }
        return container;
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        NetworkRecord n = store().resolve(id);
        if (n.builtIn()) {
            throw new EngineException(EngineException.Kind.FORBIDDEN,
                    n.name() + " is a pre-defined network and cannot be removed");
        }
        checkUnused(n);
        networking.remove(n);
        return Response.noContent().build();
    }

    /** Docker refuses to remove a network only while running containers are on it. */
    private void checkUnused(NetworkRecord n) {
        if (!store().endpoints(n.id()).isEmpty()) {
            throw EngineException.conflict("error while removing network: network " + n.name() + " id " + n.id()
                    + " has active endpoints");
        }
    }

    @POST
    @Path("prune")
    public ObjectNode prune(@QueryParam("filters") String filters) {
        // read whole first: a filter that cannot be read deletes nothing
        PruneFilters f = PruneFilters.parse(filters, PruneFilters.COMMON);
        ArrayNode deleted = JSON.arrayNode();
        for (NetworkRecord n : store().list()) {
            if (n.builtIn() || !f.selects(n.created(), n.labels())) {
                continue;
            }
            // prune keeps what any container refers to, running or not
            boolean referenced = !store().endpoints(n.id()).isEmpty()
                    || supervisor.store().list().stream().anyMatch(c -> c.networks().containsKey(n.name()));
            if (!referenced) {
                networking.remove(n);
                deleted.add(n.name());
            }
        }
        ObjectNode out = JSON.objectNode();
        out.set("NetworksDeleted", deleted);
        return out;
    }

    private ObjectNode json(NetworkRecord n, boolean withContainers) {
        ObjectNode o = JSON.objectNode();
        o.put("Name", n.name());
        o.put("Id", n.id());
        o.put("Created", DateTimeFormatter.ISO_INSTANT.format(n.created()));
        o.put("Scope", "local");
        o.put("Driver", n.driver());
        o.put("EnableIPv4", true);
        o.put("EnableIPv6", n.enableIPv6());
        ObjectNode ipam = o.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putNull("Options");
        ArrayNode cfg = ipam.putArray("Config");
        for (Pool p : n.pools()) {
            ObjectNode entry = cfg.addObject().put("Subnet", p.subnet());
            if (!p.ipRange().isEmpty()) {
                entry.put("IPRange", p.ipRange());
            }
            entry.put("Gateway", p.gateway());
            if (!p.auxiliary().isEmpty()) {
                ObjectNode aux = entry.putObject("AuxiliaryAddresses");
                p.auxiliary().forEach(aux::put);
            }
        }
        o.put("Internal", n.internal());
        o.put("Attachable", n.attachable());
        o.put("Ingress", false);
        o.putObject("ConfigFrom").put("Network", "");
        o.put("ConfigOnly", false);
        ObjectNode containers = o.putObject("Containers");
        if (withContainers) {
            for (EndpointRecord e : store().endpoints(n.id())) {
                String name = supervisor.store().get(e.containerId()).map(c -> c.name()).orElse("");
                containers.putObject(e.containerId()).put("Name", name).put("EndpointID", e.endpointId())
                        .put("MacAddress", e.mac()).put("IPv4Address", e.address() + "/" + n.prefixLength(e.address()))
                        .put("IPv6Address", e.address6().isEmpty() ? "" : e.address6() + "/" + n.prefixLength(e.address6()));
            }
        }
        ObjectNode options = o.putObject("Options");
        n.options().forEach(options::put);
        ObjectNode labels = o.putObject("Labels");
        n.labels().forEach(labels::put);
        return o;
    }
}
