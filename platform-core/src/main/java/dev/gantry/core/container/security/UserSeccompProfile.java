package dev.gantry.core.container.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.security.SyscallRule.Condition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile given with {@code --security-opt seccomp=FILE}: the docker CLI reads the file and sends its JSON
 * in place of the name. The format is Docker's (rules with {@code includes}/{@code excludes} on capabilities,
 * architectures and kernel version; {@code architectures} or {@code archMap}), so profiles written for Docker load.
 */
final class UserSeccompProfile {
    private static final List<String> PASS_THROUGH = List.of("flags", "listenerPath", "listenerMetadata");

    private UserSeccompProfile() {
    }

    static SeccompProfile parse(String json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the profile must be a JSON object");
        }
        if (root.path("architectures").size() > 0 && root.path("archMap").size() > 0) {
            throw invalid("use either 'architectures' or 'archMap'");
        }
        String defaultAction = root.path("defaultAction").asText("");
        if (defaultAction.isEmpty()) {
            throw invalid("'defaultAction' is required");
        }
        Map<String, List<String>> archMap = new LinkedHashMap<>();
        for (JsonNode a : root.path("archMap")) {
            archMap.put(a.path("architecture").asText(), strings(a.path("subArchitectures")));
        }
        List<SyscallRule> rules = new ArrayList<>();
        for (JsonNode s : root.path("syscalls")) {
            rules.add(rule(s));
        }
        Map<String, JsonNode> pass = new LinkedHashMap<>();
        PASS_THROUGH.forEach(f -> {
            if (root.hasNonNull(f)) {
                pass.put(f, root.get(f));
            }
        });
        return new SeccompProfile(defaultAction, errno(root.path("defaultErrnoRet")),
                strings(root.path("architectures")), archMap, rules, pass);
    }

    private static SyscallRule rule(JsonNode s) {
        boolean hasName = !s.path("name").asText("").isEmpty();
        if (hasName && s.path("names").size() > 0) {
            throw invalid("use either 'name' or 'names'");
        }
        List<String> names = hasName ? List.of(s.path("name").asText()) : strings(s.path("names"));
        String action = s.path("action").asText("");
        if (action.isEmpty()) {
            throw invalid("a rule for " + names + " has no 'action'");
        }
        List<SeccompArg> args = new ArrayList<>();
        for (JsonNode a : s.path("args")) {
            if (!a.path("index").canConvertToInt() || a.path("op").asText("").isEmpty()) {
                throw invalid("an argument filter for " + names + " needs 'index' and 'op'");
            }
            args.add(new SeccompArg(a.path("index").asInt(), a.path("value").asLong(), a.path("valueTwo").asLong(),
                    a.path("op").asText()));
        }
        return new SyscallRule(names, action, errno(s.path("errnoRet")), args, condition(s.path("includes")),
                condition(s.path("excludes")));
    }

    private static Condition condition(JsonNode c) {
        if (!c.isObject()) {
            return Condition.NONE;
        }
        int[] minKernel = null;
        String k = c.path("minKernel").asText("");
        if (!k.isEmpty()) {
            if (!k.matches("\\d+\\.\\d+")) {
                throw invalid("invalid kernel version: " + k);
            }
            minKernel = SeccompProfile.Host.parseKernel(k);
        }
        Set<String> caps = new HashSet<>(strings(c.path("caps")));
        return new Condition(caps, new HashSet<>(strings(c.path("arches"))), minKernel);
    }

    private static Integer errno(JsonNode n) {
        return n.canConvertToInt() ? n.asInt() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static EngineException invalid(String why) {
        return EngineException.invalid("Decoding seccomp profile failed: " + why);
    }
}
