package io.cutover.lab;

/**
 * A deterministic coin: a number in [0, 1) that is a pure function of a seed and some keys. Used
 * instead of a shared {@link java.util.Random} so that whether a call fails, or a moved user
 * schedules a meeting, never depends on which thread got there first.
 */
final class Chance {
    private Chance() {}

    static double of(long seed, String a, String b, long n) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, a);
        h = fnv(h ^ 0x1f, b);
        h ^= n * 0x9E3779B97F4A7C15L;
        return (mix(h ^ mix(seed)) >>> 11) * 0x1.0p-53;
    }

    static long hash(long seed, String a, long n) {
        return mix(fnv(0xcbf29ce484222325L, a) ^ mix(seed) ^ (n * 0x9E3779B97F4A7C15L));
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
