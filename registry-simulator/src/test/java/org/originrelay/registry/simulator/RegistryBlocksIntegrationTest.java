package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.blocks.RegistryBlocks;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Block;
import org.originrelay.registry.protocol.v1.registry.MerkleProof;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionState;

/**
 * GetBlocks and GetTransactionProof over gRPC, read with the protocol's {@link RegistryBlocks} client.
 * Blocks do not depend on the commitment scheme, so the fast hash scheme keeps this cheap.
 */
class RegistryBlocksIntegrationTest {

    private static final String REGISTRY = "blocks-registry";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T01:00:00Z");
    private static final ByteString ZEROS = ByteString.copyFrom(new byte[32]);

    private final OwnerKeys keys = OwnerKeys.fromSecret("blocks-secret");
    private final TransactionFactory factory =
            new TransactionFactory(REGISTRY, keys, CommitmentScheme.HASH.commitments("blocks-secret"));

    private RegistrySimulator registry;
    private ManagedChannel channel;
    private RegistryBlocks blocks;

    @BeforeEach
    void start() throws Exception {
        registry = RegistrySimulator.builder()
                .registryName(REGISTRY)
                .issuerKeys(RegistrySimulator.issuerKeysFrom(keys))
                .commitmentScheme(CommitmentScheme.HASH)
                .blockInterval(Duration.ofMillis(50))
                .build()
                .start();
        channel = ManagedChannelBuilder.forTarget(registry.target()).usePlaintext().build();
        blocks = new RegistryBlocks(channel, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        registry.close();
    }

    @Test
    void committedTransactionsAreCutIntoChainedBlocksWhoseProofsLeadToTheirRoots() {
        UUID certificate = UUID.randomUUID();
        UUID slice = UUID.randomUUID();
        Transaction issue = issue(certificate, slice);
        commit(issue);
        Block first = awaitBlocks(1).getFirst();

        Transaction transfer = factory.transfer(certificate, slice, 100, "alice", "bob");
        Transaction otherIssue = issue(UUID.randomUUID(), UUID.randomUUID());
        Transaction failing = factory.transfer(UUID.randomUUID(), slice, 100, "alice", "bob");
        commit(transfer, otherIssue, failing);
        List<Block> chain = awaitBlocks(2);

        assertThat(first.getHeight()).isEqualTo(1);
        assertThat(first.getHeader().getPreviousHeaderHash()).isEqualTo(ZEROS);
        assertThat(first.getHeader().getPreviousPublicationHash()).isEqualTo(ZEROS);
        assertThat(first.getPublication().getLogEntry().getBlockHeaderHash().toByteArray())
                .isEqualTo(Digests.sha256(first.getHeader().toByteArray()));
        assertThat(first.getTransactionsList()).containsExactly(issue);
        Block second = chain.get(1);
        assertThat(second.getHeight()).isEqualTo(2);
        assertThat(second.getHeader().getPreviousHeaderHash().toByteArray())
                .isEqualTo(Digests.sha256(first.getHeader().toByteArray()));
        assertThat(second.getHeader().getPreviousPublicationHash().toByteArray())
                .isEqualTo(Digests.sha256(first.getPublication().toByteArray()));
        // Only committed transactions are in blocks, in commit order.
        assertThat(second.getTransactionsList()).containsExactly(transfer, otherIssue);

        for (Transaction transaction : List.of(issue, transfer, otherIssue)) {
            MerkleProof proof = blocks.transactionProof(TransactionIds.of(transaction)).orElseThrow();
            assertThat(proof.getTransaction()).isEqualTo(transaction);
            Block block = transaction == issue ? first : second;
            assertThat(RegistryBlocks.proves(proof, block)).isTrue();
            assertThat(RegistryBlocks.proves(proof, transaction == issue ? second : first)).isFalse();
        }
        assertThat(blocks.transactionProof(TransactionIds.of(failing))).isEmpty();
        assertThat(blocks.transactionProof("no-such-id")).isEmpty();
    }

    @Test
    void blocksArePagedBySkipAndLimitAndCarryTransactionsOnlyWhenAskedTo() {
        commit(issue(UUID.randomUUID(), UUID.randomUUID()));
        awaitBlocks(1);
        commit(issue(UUID.randomUUID(), UUID.randomUUID()));
        awaitBlocks(2);

        assertThat(blocks.blocks(1, 10, false)).singleElement().satisfies(block -> {
            assertThat(block.getHeight()).isEqualTo(2);
            assertThat(block.getTransactionsList()).isEmpty();
        });
        assertThat(blocks.blocks(0, 1, true)).singleElement()
                .satisfies(block -> assertThat(block.getTransactionsCount()).isEqualTo(1));
        assertThat(blocks.blocks(0, 0, true)).isEmpty();
        assertThat(blocks.blocks(5, 10, true)).isEmpty();
        assertThatThrownBy(() -> blocks.blocks(-1, 10, false)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private Transaction issue(UUID certificate, UUID slice) {
        return factory.issue(certificate, slice, GranularCertificateType.PRODUCTION, START, END, "DK1", 100, "alice");
    }

    /** Sends the transactions and waits until none is pending any more. */
    private void commit(Transaction... transactions) {
        for (Transaction transaction : transactions) {
            registry.inject(transaction);
        }
        for (Transaction transaction : transactions) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> registry.statusOf(TransactionIds.of(transaction)).state() != TransactionState.PENDING);
        }
    }

    private List<Block> awaitBlocks(int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> blocks.blocks(0, 100, true), chain -> chain.size() >= count);
    }
}
