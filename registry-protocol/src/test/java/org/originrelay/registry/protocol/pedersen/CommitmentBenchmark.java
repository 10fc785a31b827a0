package org.originrelay.registry.protocol.pedersen;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

/**
 * Not a timed test: prints the CPU time per commitment of proving and verifying a 32-bit range proof and of
 * the sum and equality proofs. Excluded from the normal build; run with
 * {@code ./mvnw -B -o test -pl registry-protocol -am -Dgroups=benchmark -DexcludedGroups= -Dtest=CommitmentBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (see ADR 0006 for the figures).
 */
@Tag("benchmark")
class CommitmentBenchmark {

    private static final int WARM_UP = 30;
    private static final int MEASURED = 100;

    @Test
    void provingAndVerifying() {
        PedersenQuantityCommitments commitments = PedersenQuantityCommitments.fromSecret("benchmark-secret");
        CommitmentVerifier verifier = commitments.verifier();
        UUID certificate = UUID.randomUUID();
        Commitment[] made = new Commitment[WARM_UP + MEASURED];

        for (int i = 0; i < WARM_UP; i++) {
            made[i] = commitments.commit(1000L + i, UUID.randomUUID(), certificate);
            verifier.verifyQuantity(made[i], certificate.toString());
        }
        long start = cpuNanos();
        for (int i = WARM_UP; i < made.length; i++) {
            made[i] = commitments.commit(1000L + i, UUID.randomUUID(), certificate);
        }
        long proved = cpuNanos();
        for (int i = WARM_UP; i < made.length; i++) {
            assertThat(verifier.verifyQuantity(made[i], certificate.toString())).isTrue();
        }
        long verified = cpuNanos();

        UUID source = UUID.randomUUID();
        List<NewSlice> parts = List.of(new NewSlice(UUID.randomUUID(), 400), new NewSlice(UUID.randomUUID(), 600));
        CertificateSlice production = new CertificateSlice(certificate, source, 1000);
        CertificateSlice consumption = new CertificateSlice(UUID.randomUUID(), UUID.randomUUID(), 1000);
        Commitment sourceCommitment = commitments.commit(1000, source, certificate);
        List<Commitment> partCommitments = parts.stream()
                .map(part -> commitments.commit(part.quantity(), part.sliceId(), certificate))
                .toList();
        Commitment productionCommitment = commitments.commit(1000, production.sliceId(), production.certificateId());
        Commitment consumptionCommitment = commitments.commit(1000, consumption.sliceId(), consumption.certificateId());
        UUID allocation = UUID.randomUUID();
        byte[][] sumProofs = new byte[MEASURED][];
        byte[][] equalityProofs = new byte[MEASURED][];
        long zeroStart = cpuNanos();
        for (int i = 0; i < MEASURED; i++) {
            sumProofs[i] = commitments.sumProof(certificate, 1000, source, parts);
            equalityProofs[i] = commitments.equalityProof(allocation, production, consumption);
        }
        long zeroProved = cpuNanos();
        for (int i = 0; i < MEASURED; i++) {
            assertThat(verifier.verifySum(sumProofs[i], sourceCommitment, partCommitments, certificate.toString()))
                    .isTrue();
            assertThat(verifier.verifyEquality(equalityProofs[i], productionCommitment, consumptionCommitment,
                    allocation.toString())).isTrue();
        }
        long zeroVerified = cpuNanos();

        // CPU time of this thread: wall time on a shared, loaded machine would measure the neighbours.
        System.out.printf("range proof (32 bits): prove %.1f ms, verify %.1f ms CPU per commitment (%d each)%n",
                perItemMillis(start, proved), perItemMillis(proved, verified), MEASURED);
        System.out.printf("sum + equality proof: prove %.2f ms, verify %.2f ms CPU per pair%n",
                perItemMillis(zeroStart, zeroProved), perItemMillis(zeroProved, zeroVerified));
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double perItemMillis(long from, long to) {
        return (to - from) / 1e6 / MEASURED;
    }
}
