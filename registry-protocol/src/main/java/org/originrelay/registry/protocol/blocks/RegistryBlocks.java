package org.originrelay.registry.protocol.blocks;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.v1.registry.Block;
import org.originrelay.registry.protocol.v1.registry.GetBlocksRequest;
import org.originrelay.registry.protocol.v1.registry.GetTransactionProofRequest;
import org.originrelay.registry.protocol.v1.registry.MerkleProof;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;

/**
 * Reads a registry's blocks ({@code GetBlocks}) and the Merkle proof of a transaction in its block
 * ({@code GetTransactionProof}), and checks such a proof against its block. Each call has its own deadline.
 */
public final class RegistryBlocks {

    private final RegistryServiceGrpc.RegistryServiceBlockingStub stub;
    private final Duration deadline;

    public RegistryBlocks(Channel channel, Duration deadline) {
        this.stub = RegistryServiceGrpc.newBlockingStub(Objects.requireNonNull(channel, "channel"));
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * Up to {@code limit} blocks after skipping {@code skip}, oldest first; heights count from 1. Without
     * {@code includeTransactions} the blocks carry header and publication only.
     */
    public List<Block> blocks(int skip, int limit, boolean includeTransactions) {
        return withDeadline().getBlocks(GetBlocksRequest.newBuilder()
                        .setSkip(skip)
                        .setLimit(limit)
                        .setIncludeTransactions(includeTransactions)
                        .build())
                .getBlocksList();
    }

    /**
     * The proof that the transaction with this id (Base64 SHA-256, as for its status) is in its block, or
     * empty while it is in no block yet (or unknown).
     *
     * @throws UnsupportedOperationException when the registry does not serve proofs: Project Origin's
     *     registry declares {@code GetTransactionProof} in its protocol but leaves it unimplemented
     */
    public Optional<MerkleProof> transactionProof(String transactionId) {
        try {
            return Optional.of(withDeadline()
                    .getTransactionProof(GetTransactionProofRequest.newBuilder().setId(transactionId).build())
                    .getProof());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                throw new UnsupportedOperationException("the registry does not serve GetTransactionProof", e);
            }
            throw e;
        }
    }

    /**
     * Whether the proof places its transaction in this block: the proof names the block (SHA-256 of its
     * header) and its path leads to the header's Merkle root.
     */
    public static boolean proves(MerkleProof proof, Block block) {
        byte[] blockId = Digests.sha256(block.getHeader().toByteArray());
        byte[] root = MerkleTrees.rootFromProof(proof.getTransaction().toByteArray(), proof.getLeafIndex(),
                proof.getHashesList().stream().map(ByteString::toByteArray).toList());
        return MessageDigest.isEqual(blockId, proof.getBlockId().toByteArray())
                && MessageDigest.isEqual(root, block.getHeader().getMerkleRootHash().toByteArray());
    }

    private RegistryServiceGrpc.RegistryServiceBlockingStub withDeadline() {
        return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }
}
