package org.originrelay.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services' processes as /proc shows them: CPU time (utime + stime) and resident memory. Linux only,
 * which is what the benchmark runs on.
 */
final class ServiceProcesses {

    private final Map<String, Long> pids;
    private final long clockTicksPerSecond;
    private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();

    ServiceProcesses(Map<String, Long> pids, long clockTicksPerSecond) {
        this.pids = new LinkedHashMap<>(pids);
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** "name:pid,name:pid" as scripts/benchmark passes it. */
    static ServiceProcesses parse(String spec, long clockTicksPerSecond) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] parts = entry.split(":");
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return new ServiceProcesses(pids, clockTicksPerSecond);
    }

    boolean known() {
        return !pids.isEmpty();
    }

    /** CPU seconds used so far per process. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, ProcStat.cpuTicks(pid) / (double) clockTicksPerSecond));
        return cpu;
    }

    /** Samples every process's resident memory, keeping the highest seen. */
    void sampleRss() {
        pids.forEach((name, pid) -> peakRssKb.merge(name, rssKb(pid), Math::max));
    }

    Map<String, Long> peakRssKb() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        pids.keySet().forEach(name -> ordered.put(name, peakRssKb.getOrDefault(name, 0L)));
        return ordered;
    }

    private static long rssKb(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone: nothing to report.
        }
        return 0;
    }
}
