package org.originrelay.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureCpuTest {

    private final InfrastructureCpu cpu = new InfrastructureCpu(100, -1);

    @Test
    void countsEachGroupsTicksOverThePhasePerCommand() {
        var before = new InfrastructureCpu.Snapshot(Map.of(
                "broker", Map.of(10L, 1_000L),
                "database", Map.of(20L, 500L, 21L, 300L),
                "registry_simulator", Map.of()), 10_000);
        var after = new InfrastructureCpu.Snapshot(Map.of(
                "broker", Map.of(10L, 1_400L),
                // backend 21 is still there, 22 started during the phase and counts from zero
                "database", Map.of(20L, 600L, 21L, 300L, 22L, 100L),
                "registry_simulator", Map.of()), 11_000);

        Map<String, Double> perCommand = cpu.millisPerCommand(before, after, 100);

        // 100 ticks per second: 400 ticks = 4 s over 100 commands = 40 ms each
        assertThat(perCommand.get("broker")).isCloseTo(40.0, within(1e-9));
        assertThat(perCommand.get("database")).isCloseTo(20.0, within(1e-9));
        assertThat(perCommand.get("registry_simulator")).isZero();
        assertThat(perCommand.get("machine")).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void theMachinesBusyTimeGrowsWhileThisProcessWorks() {
        long before = InfrastructureCpu.machineBusyTicks();
        long cpuStart = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
        long spin = 0;
        while (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() - cpuStart < 200) {
            spin++;
        }
        assertThat(spin).isPositive();
        // 200 ms of this process's CPU is at least 20 ticks of the machine's (at 100 ticks a second)
        assertThat(InfrastructureCpu.machineBusyTicks() - before).isGreaterThanOrEqualTo(10);
    }
}
