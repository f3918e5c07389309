package dev.gantry.core.container;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Predicate;

/** Docker-style generated names: an adjective and an engineer's surname, with a number when both are taken. */
final class Names {
    private static final List<String> LEFT = List.of("admiring", "brave", "calm", "clever", "dazzling", "eager",
            "elegant", "festive", "focused", "gallant", "happy", "hopeful", "jolly", "keen", "kind", "loving", "modest",
            "nifty", "optimistic", "peaceful", "quirky", "relaxed", "serene", "sharp", "stoic", "tender", "upbeat",
            "vibrant", "wizardly", "zealous");
    private static final List<String> RIGHT = List.of("babbage", "bell", "cerf", "dijkstra", "engelbart", "feynman",
            "goldberg", "hamilton", "hopper", "johnson", "kahn", "knuth", "lamport", "liskov", "lovelace", "mccarthy",
            "noether", "pike", "ritchie", "shannon", "stallman", "thompson", "torvalds", "turing", "wozniak", "wing",
            "yonath", "zuse", "hodgkin", "curie");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {
    }

    static String generate(Predicate<String> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String name = LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
            if (attempt > 10) {
                name += RANDOM.nextInt(10);
            }
            if (!taken.test(name)) {
                return name;
            }
        }
        return "gantry_" + Long.toHexString(RANDOM.nextLong());
    }

    static String newId() {
        return dev.gantry.core.Ids.random();
    }
}
