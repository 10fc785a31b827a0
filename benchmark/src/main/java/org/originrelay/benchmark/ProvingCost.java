package org.originrelay.benchmark;

import java.util.Locale;
import java.util.UUID;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.QuantityCommitments;

/**
 * The cost of one quantity commitment with its range proof, on its own: what the connector spends per
 * new slice (an issued certificate has one, a slicing one per new slice), for each scheme. One thread,
 * after a warm-up, so it is the CPU cost of a commitment, not a throughput.
 */
final class ProvingCost {

    private ProvingCost() {
    }

    static void run(Options options) {
        int count = options.number("count", 200);
        for (CommitmentScheme scheme : CommitmentScheme.values()) {
            QuantityCommitments commitments = scheme.commitments("benchmark-secret-0123456789abcdef0123456789");
            UUID certificate = UUID.randomUUID();
            for (int i = 0; i < Math.max(20, count / 5); i++) {
                commitments.commit(1000 + i, UUID.randomUUID(), certificate);
            }
            long cpuStart = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                commitments.commit(1000 + i, UUID.randomUUID(), certificate);
            }
            double wallMs = (System.nanoTime() - start) / 1e6 / count;
            double cpuMs = (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - cpuStart) / 1e6 / count;
            System.out.println(String.format(Locale.ROOT,
                    "RESULT command=proving scheme=%s commitments=%d ms_per_commitment=%.3f cpu_ms_per_commitment=%.3f",
                    scheme.name().toLowerCase(Locale.ROOT), count, wallMs, cpuMs));
        }
    }
}
