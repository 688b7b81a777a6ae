package org.civitas.platform.input;

import java.util.function.Supplier;

/**
 * Fails a fuzz input that takes longer than a second to parse. Jazzer 0.30 turns a JUnit
 * {@code @Timeout} into libFuzzer's -timeout, but JUnit then also applies it to the whole fuzzing
 * run (the one invocation that fuzzes for maxDuration), so each input is timed here instead; an
 * input that never returns is caught by the fuzz execution's forkedProcessTimeoutInSeconds (pom).
 * An input over the second is parsed again, and fails only when it is slow both times: the first
 * parse of a run loads and instruments the parser's classes, which took 1.4 s on a busy machine.
 */
final class Fuzzing {

    static final long SLOW_NANOS = 1_000_000_000L;

    private Fuzzing() {
    }

    static <T> T withinASecond(String input, Supplier<T> parse) {
        long start = System.nanoTime();
        T result = parse.get();
        long took = System.nanoTime() - start;
        if (took > SLOW_NANOS) {
            long again = System.nanoTime();
            parse.get();
            took = Math.min(took, System.nanoTime() - again);
        }
        if (took > SLOW_NANOS) {
            throw new AssertionError("slow input (" + took / 1_000_000 + " ms, " + input.length() + " characters): "
                    + input.substring(0, Math.min(input.length(), 200)));
        }
        return result;
    }
}
