package dev.rendezvous.bench;

import java.util.Arrays;

/** Latency figures of one measured series. */
final class Stats {

    private Stats() {
    }

    static void print(String name, long[] nanos) {
        System.out.printf("%-30s p50 %6.2f ms  p99 %6.2f ms  mean %6.2f ms  %7.0f/s%n", name, percentile(nanos, 50),
                percentile(nanos, 99), Arrays.stream(nanos).average().orElse(0) / 1e6, throughput(nanos));
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    static double throughput(long[] nanos) {
        return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
    }
}
