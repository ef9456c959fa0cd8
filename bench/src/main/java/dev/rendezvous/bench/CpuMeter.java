package dev.rendezvous.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each part of the running system, read from /proc: the three services, Kafka, LiveKit,
 * PostgreSQL (every backend, and what the postmaster reaped of those that exited) and this benchmark's
 * own JVM; and the machine's busy share from /proc/stat. For each JVM it also reads what its JIT
 * compiler threads used: a fresh JVM compiles for minutes under load, and that is not what a session
 * costs once the service runs.
 */
final class CpuMeter {

    /** Linux's clock ticks per second for /proc's CPU times (USER_HZ, 100 on every mainstream build). */
    private static final double TICKS = 100.0;
    private static final Path PIDS = Path.of(Lab.env("BENCH_PID_DIR", "../.local/pids"));

    /** The parts measured, in print order; a part is a process id, or a rule for finding its processes. */
    private final Map<String, Long> pids = new LinkedHashMap<>();

    CpuMeter(long sessionServicePid) throws IOException {
        pids.put("session-service", sessionServicePid);
        pids.put("presence-service", pid("presence-service"));
        pids.put("token-service", pid("token-service"));
        pids.put("kafka", pid("kafka"));
        pids.put("livekit", pid("livekit"));
        pids.put("bench (load generator)", ProcessHandle.current().pid());
    }

    /** CPU seconds used so far by each part (PostgreSQL included) and the machine's busy and total seconds. */
    record Reading(long nanos, Map<String, Double> seconds, Map<String, Double> jitSeconds, double machineBusy,
                   double machineTotal) {
    }

    /** Cores each part used between two readings, PostgreSQL's and the machine's busy share included. */
    record Usage(double seconds, Map<String, Double> cores, Map<String, Double> jitCores, double machineBusyShare) {
        double core(String part) {
            return cores.getOrDefault(part, 0.0);
        }

        /** What the part's JIT compiler threads used, in cores (0 for a part that is no JVM). */
        double jit(String part) {
            return jitCores.getOrDefault(part, 0.0);
        }

        /** The JIT compiler threads of the system's JVMs (the load generator's left out). */
        double stackJit() {
            return jitCores.entrySet().stream().filter(e -> !e.getKey().startsWith("bench")).mapToDouble(Map.Entry::getValue).sum();
        }

        /** The stack: everything but the load generator. */
        double stackCores() {
            return cores.entrySet().stream().filter(e -> !e.getKey().startsWith("bench")).mapToDouble(Map.Entry::getValue).sum();
        }
    }

    Reading read() throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> jit = new LinkedHashMap<>();
        for (Map.Entry<String, Long> part : pids.entrySet()) {
            seconds.put(part.getKey(), ticks(part.getValue(), false) / TICKS);
            jit.put(part.getKey(), compilerTicks(part.getValue()) / TICKS);
        }
        seconds.put("postgresql", postgres() / TICKS);
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        double total = 0;
        for (int i = 1; i < cpu.length && i <= 8; i++) {
            total += Double.parseDouble(cpu[i]);
        }
        double idle = Double.parseDouble(cpu[4]) + Double.parseDouble(cpu[5]);
        return new Reading(System.nanoTime(), seconds, jit, (total - idle) / TICKS, total / TICKS);
    }

    static Usage between(Reading a, Reading b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        b.seconds().forEach((part, used) -> cores.put(part, (used - a.seconds().getOrDefault(part, 0.0)) / seconds));
        Map<String, Double> jit = new LinkedHashMap<>();
        b.jitSeconds().forEach((part, used) -> jit.put(part, (used - a.jitSeconds().getOrDefault(part, 0.0)) / seconds));
        double share = (b.machineBusy() - a.machineBusy()) / Math.max(1e-9, b.machineTotal() - a.machineTotal());
        return new Usage(seconds, cores, jit, share);
    }

    private static long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(PIDS.resolve(name + ".pid")).trim());
    }

    /** utime + stime of a process (and, with {@code reaped}, of its children that exited); 0 when it is gone. */
    private static long ticks(long pid, boolean reaped) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return reaped ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** utime + stime of the process's HotSpot compiler threads ("C1 CompilerThre", "C2 CompilerThre"). */
    private static long compilerTicks(long pid) {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while listed
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return sum;
    }

    /** Every PostgreSQL process now, plus what the postmaster reaped of backends that have exited. */
    private static long postgres() throws IOException {
        List<long[]> processes = new ArrayList<>(); // pid, ppid
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path dir : proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.equals("postgres")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        processes.add(new long[] {Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1])});
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while listed
                }
            }
        }
        long sum = 0;
        for (long[] p : processes) {
            boolean postmaster = processes.stream().noneMatch(parent -> parent[0] == p[1]);
            sum += ticks(p[0], postmaster);
        }
        return sum;
    }
}
