package dev.rendezvous.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives {@code wrk} (Debian's package) at a fixed concurrency and reads its figures back: a Java
 * client at these rates burns a core of its own on a 2-core machine and measures itself.
 */
final class Wrk {

    private static final Pattern LATENCY = Pattern.compile("(?m)^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Requests per second and latency in ms; errors are non-2xx answers and socket errors. */
    record Result(double perSecond, double p50, double p90, double p99, long errors, long requests) {
        void print(String name) {
            System.out.printf("%-36s %8.0f/s  p50 %6.2f  p90 %6.2f  p99 %6.2f ms  errors %d%n", name, perSecond, p50, p90, p99, errors);
        }

        /** Answers per second that were not errors. */
        double okPerSecond() {
            return requests == 0 ? 0 : perSecond * (requests - errors) / requests;
        }
    }

    private Wrk() {
    }

    /** A wrk Lua script in {@code dir}. */
    static Path script(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A script that sends every request with {@code method}, the bearer JWT and {@code body} (may be null). */
    static Path authenticated(Path dir, String name, String method, String jwt, String body) throws IOException {
        StringBuilder lua = new StringBuilder()
                .append("wrk.method = \"").append(method).append("\"\n")
                .append("wrk.headers[\"Authorization\"] = \"Bearer ").append(jwt).append("\"\n");
        if (body != null) {
            lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                    .append("wrk.body = '").append(body).append("'\n");
        }
        return script(dir, name, lua.toString());
    }

    static Result run(Path script, String url, int connections, int seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        double[] latency = new double[3];
        Matcher m = LATENCY.matcher(out);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            latency[switch (m.group(1)) { case "50" -> 0; case "90" -> 1; default -> 2; }] = value;
        }
        long errors = count(NON_2XX, out);
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output: " + out);
        }
        return new Result(Double.parseDouble(rate.group(1)), latency[0], latency[1], latency[2], errors, count(REQUESTS, out));
    }

    private static long count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
