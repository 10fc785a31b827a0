package org.originrelay.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time as /proc/&lt;pid&gt;/stat counts it. */
final class ProcStat {

    private ProcStat() {
    }

    /** utime + stime in clock ticks; 0 for a process that is gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name in parentheses may hold spaces: the fields counted start after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
