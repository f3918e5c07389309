package dev.gantry.rest.plugins;

import dev.gantry.core.plugin.LoadedPlugin;
import dev.gantry.core.plugin.PluginRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/** {@code GET /gantry/v1/plugins}: every plugin found, with its availability and whether it is the one in use. */
@Path("/gantry/v1/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {
    private final PluginRegistry registry;

    PluginsResource(PluginRegistry registry) {
        this.registry = registry;
    }

    public record PluginView(String Kind, String Name, String Version, Set<String> Capabilities, boolean Available,
                             String Reason, String Detail, String Source, boolean Selected) {
    }

    @GET
    public List<PluginView> list() {
        var storage = registry.selectedStorage().map(p -> p.descriptor().name());
        var runtime = registry.selectedRuntime().map(p -> p.descriptor().name());
        return registry.all().stream().map(p -> {
            var d = p.descriptor();
            boolean selected = switch (d.kind()) {
                case STORAGE -> storage.equals(java.util.Optional.of(d.name()));
                case RUNTIME -> runtime.equals(java.util.Optional.of(d.name()));
                default -> p.usable();
            };
            return view(p, selected);
        }).toList();
    }

    private static PluginView view(LoadedPlugin p, boolean selected) {
        var d = p.descriptor();
        return new PluginView(d.kind().title(), d.name(), d.version(), d.capabilities(), p.usable(),
                p.availability().reason(), p.availability().detail(), p.source().location(), selected);
    }
}
