package org.originrelay.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU spent outside the five services while they work: the broker, the database, the registry simulator, and
 * the whole machine. The "CPU per command" counts the services only; these figures show how much of
 * the two cores the infrastructure takes for the same commands, which bounds what faster services can buy.
 * Processes are found by their command name in /proc (RabbitMQ's {@code beam.smp}, PostgreSQL's
 * {@code postgres}, one per connection); a process that started during the phase counts from zero, one that
 * ended is lost (connection pools keep PostgreSQL's backends for the whole phase).
 */
final class InfrastructureCpu {

    private static final Path PROC = Path.of("/proc");

    private final long clockTicksPerSecond;
    private final long simulatorPid;

    InfrastructureCpu(long clockTicksPerSecond, long simulatorPid) {
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.simulatorPid = simulatorPid;
    }

    /** Ticks per process (by pid) of each group, and the machine's busy ticks. */
    record Snapshot(Map<String, Map<Long, Long>> groups, long machineBusyTicks) {
    }

    Snapshot take() {
        Map<String, Map<Long, Long>> groups = new LinkedHashMap<>();
        groups.put("broker", new HashMap<>());
        groups.put("database", new HashMap<>());
        groups.put("registry_simulator", new HashMap<>());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                String group = groupOf(pid, entry);
                if (group != null) {
                    groups.get(group).put(pid, ProcStat.cpuTicks(pid));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return new Snapshot(groups, machineBusyTicks());
    }

    /** Milliseconds of CPU per command of each group and of the machine between two snapshots. */
    Map<String, Double> millisPerCommand(Snapshot before, Snapshot after, int commands) {
        Map<String, Double> perCommand = new LinkedHashMap<>();
        after.groups().forEach((group, ticksByPid) -> {
            long used = 0;
            for (var process : ticksByPid.entrySet()) {
                used += process.getValue() - before.groups().get(group).getOrDefault(process.getKey(), 0L);
            }
            perCommand.put(group, millis(used, commands));
        });
        perCommand.put("machine", millis(after.machineBusyTicks() - before.machineBusyTicks(), commands));
        return perCommand;
    }

    private double millis(long ticks, int commands) {
        return ticks * 1000.0 / clockTicksPerSecond / Math.max(1, commands);
    }

    private String groupOf(long pid, Path entry) {
        if (pid == simulatorPid) {
            return "registry_simulator";
        }
        try {
            return switch (Files.readString(entry.resolve("comm")).strip()) {
                case "beam.smp" -> "broker";
                case "postgres" -> "database";
                default -> null;
            };
        } catch (IOException gone) {
            return null;
        }
    }

    /** All time the machine's CPUs were neither idle nor waiting for I/O (first line of /proc/stat). */
    static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(PROC.resolve("stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }
}
