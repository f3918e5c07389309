package dev.gantry.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.state.Documents;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The host side of the {@code gantry} global: one function {@code (operation, argumentsJson) -> answerJson} that
 * the JS wrapper ({@link #BOOTSTRAP}) calls. It never throws into the guest: failures come back as
 * {@code {"error": ...}} and the wrapper raises a plain JS {@code Error}, so hooks can catch them.
 *
 * <p>Each call of a hook runs in one {@link Mode}: policy hooks get reads only, observers and schedules
 * everything, and a dry run records the writes instead of making them.
 */
final class GantryApi implements ProxyExecutable {
    enum Mode { READ_ONLY, FULL, RECORDING }

    /** One write a dry run would have made: {@code containers.remove} with its arguments. */
    record Call(String operation, JsonNode arguments) {
    }

    private static final Set<String> READS = Set.of("containers.list", "containers.inspect", "images.list",
            "volumes.list", "log", "now");
    private static final int MAX_LOG = 2000;

    /** Defines {@code gantry} from the host function, frozen and not replaceable; run once per context. */
    static final String BOOTSTRAP = """
            (function (host) {
              const call = (op, args) => {
                const r = JSON.parse(host(op, JSON.stringify(args)));
                if (r.error !== undefined) throw new Error(r.error);
                return r.value;
              };
              const f = Object.freeze;
              const api = f({
                containers: f({
                  list: (o) => call('containers.list', [o ?? {}]),
                  inspect: (id) => call('containers.inspect', [id]),
                  stop: (id, o) => call('containers.stop', [id, o ?? {}]),
                  kill: (id, o) => call('containers.kill', [id, o ?? {}]),
                  remove: (id, o) => call('containers.remove', [id, o ?? {}]),
                }),
                images: f({
                  list: (o) => call('images.list', [o ?? {}]),
                  remove: (name, o) => call('images.remove', [name, o ?? {}]),
                }),
                volumes: f({
                  list: (o) => call('volumes.list', [o ?? {}]),
                  remove: (name, o) => call('volumes.remove', [name, o ?? {}]),
                  prune: (o) => call('volumes.prune', [o ?? {}]),
                }),
                log: (msg) => call('log', [String(msg)]),
                now: () => call('now', []),
              });
              Object.defineProperty(globalThis, 'gantry', { value: api, writable: false, configurable: false });
            })
            """;

    private final String hook;
    private final EngineAccess access;
    private final System.Logger log;
    private Mode mode = Mode.READ_ONLY;
    private List<Call> recorded = new ArrayList<>();

    GantryApi(String hook, EngineAccess access, System.Logger log) {
        this.hook = hook;
        this.access = access;
        this.log = log;
    }

    /** Called with the hook's lock held, before each call of the hook. */
    void begin(Mode m) {
        mode = m;
        recorded = new ArrayList<>();
    }

    /** The writes recorded since {@link #begin} (dry runs only). */
    List<Call> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public Object execute(Value... arguments) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        try {
            String op = arguments[0].asString();
            JsonNode args = Documents.MAPPER.readTree(arguments[1].asString());
            answer.set("value", dispatch(op, args));
        } catch (Exception e) {
            answer.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return answer.toString();
    }

    private JsonNode dispatch(String op, JsonNode args) {
        boolean read = READS.contains(op);
        if (!read && mode == Mode.READ_ONLY) {
            throw new IllegalStateException("gantry." + op + " is not allowed in a policy hook: its gantry is read-only");
        }
        if (!read && mode == Mode.RECORDING) {
            recorded.add(new Call(op, args));
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode a0 = args.path(0);
        JsonNode a1 = args.path(1);
        return switch (op) {
            case "containers.list" -> access.listContainers(a0);
            case "containers.inspect" -> access.inspectContainer(text(a0, "a container id or name"));
            case "containers.stop" -> nothing(() -> access.stopContainer(text(a0, "a container id or name"), a1));
            case "containers.kill" -> nothing(() -> access.killContainer(text(a0, "a container id or name"), a1));
            case "containers.remove" -> nothing(() -> access.removeContainer(text(a0, "a container id or name"), a1));
            case "images.list" -> access.listImages(a0);
            case "images.remove" -> access.removeImage(text(a0, "an image name or id"), a1);
            case "volumes.list" -> access.listVolumes(a0);
            case "volumes.remove" -> nothing(() -> access.removeVolume(text(a0, "a volume name"), a1));
            case "volumes.prune" -> access.pruneVolumes(a0);
            case "log" -> {
                String m = a0.asText();
                log.log(System.Logger.Level.INFO, "hook " + hook + ": " + (m.length() > MAX_LOG ? m.substring(0, MAX_LOG) + "..." : m));
                yield JsonNodeFactory.instance.nullNode();
            }
            case "now" -> JsonNodeFactory.instance.numberNode(System.currentTimeMillis());
            default -> throw new IllegalArgumentException("gantry has no operation " + op);
        };
    }

    private static String text(JsonNode n, String what) {
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException("expected " + what + ", got " + n);
        }
        return n.asText();
    }

    private static JsonNode nothing(Runnable r) {
        r.run();
        return JsonNodeFactory.instance.nullNode();
    }

    static ArrayNode json(List<Call> calls) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        calls.forEach(c -> out.addObject().put("Method", "gantry." + c.operation()).set("Args", c.arguments()));
        return out;
    }
}
