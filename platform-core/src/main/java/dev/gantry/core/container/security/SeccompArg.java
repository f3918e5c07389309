package dev.gantry.core.container.security;

/** One argument comparison of a seccomp rule, in the OCI spec's terms ({@code SCMP_CMP_*}). */
public record SeccompArg(int index, long value, long valueTwo, String op) {
    static SeccompArg equalTo(int index, long value) {
        return new SeccompArg(index, value, 0, "SCMP_CMP_EQ");
    }

    static SeccompArg notEqual(int index, long value) {
        return new SeccompArg(index, value, 0, "SCMP_CMP_NE");
    }

    /** True when none of {@code mask}'s bits are set in the argument. */
    static SeccompArg noneOf(int index, long mask) {
        return new SeccompArg(index, mask, 0, "SCMP_CMP_MASKED_EQ");
    }
}
