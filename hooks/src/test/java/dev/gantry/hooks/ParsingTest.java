package dev.gantry.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsingTest {
    @Test
    void durations() {
        assertEquals(Duration.ofMillis(200), Durations.parse("200ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse(" 5s "));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 minutes"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
        assertEquals("50ms", Durations.format(Duration.ofMillis(50)));
        assertEquals("5s", Durations.format(Duration.ofSeconds(5)));
        assertEquals("10m", Durations.format(Duration.ofMinutes(10)));
    }

    @Test
    void schedules() {
        assertEquals(Duration.ofMinutes(10), Schedule.parse("@every 10m").period());
        assertEquals(Duration.ofSeconds(1), Schedule.parse("@every 1s").period());
        assertEquals(Duration.ofHours(1), Schedule.parse("@hourly").period());
        assertEquals(Duration.ofDays(1), Schedule.parse("@daily").period());
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("*/5 * * * *"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("@every 500ms"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("@weekly"));
    }

    @Test
    void events() {
        assertEquals(Optional.of(HookEvent.BEFORE_CREATE), HookEvent.named("beforeCreate"));
        assertEquals(Optional.empty(), HookEvent.named("beforecreate"));
        assertEquals(HookEvent.POLICY_TIMEOUT, HookEvent.BEFORE_PULL.defaultTimeout());
        assertEquals(HookEvent.OBSERVER_TIMEOUT, HookEvent.AFTER_EXIT.defaultTimeout());
    }

    @Test
    void stats() {
        HookStats s = new HookStats();
        assertEquals(Optional.empty(), s.quantileMicros(0.5));
        for (int i = 1; i <= 100; i++) {
            s.record(i % 10 == 0 ? Outcome.DENY : Outcome.ALLOW, Duration.ofNanos(i * 1000L), Optional.empty());
        }
        s.record(Outcome.ERROR, Duration.ofMillis(5), Optional.of("boom"));
        assertEquals(51L, s.quantileMicros(0.5).orElseThrow());
        assertEquals(100L, s.quantileMicros(0.99).orElseThrow());
        assertEquals(90L, s.counts().get(Outcome.ALLOW));
        assertEquals(10L, s.counts().get(Outcome.DENY));
        assertEquals(0L, s.counts().get(Outcome.TIMEOUT));
        assertEquals(Optional.of("boom"), s.lastError());
    }
}
