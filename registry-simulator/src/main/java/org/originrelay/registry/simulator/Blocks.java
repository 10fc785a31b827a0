package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.blocks.MerkleTrees;
import org.originrelay.registry.protocol.v1.registry.Block;
import org.originrelay.registry.protocol.v1.registry.BlockHeader;
import org.originrelay.registry.protocol.v1.registry.BlockPublication;
import org.originrelay.registry.protocol.v1.registry.MerkleProof;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * The registry's immutable log: committed transactions in commit order, cut into blocks as Project Origin's
 * registry cuts them ({@code InMemoryRepository.CreateNextBlock} and the log publisher): a block takes every
 * transaction not yet in one (up to 2^20), its header chains to the previous header and publication by
 * SHA-256 (32 zero bytes for the first), holds the Merkle root of its serialized transactions and its
 * creation time in microseconds, and its publication is a log entry holding the SHA-256 of its header.
 * Not thread-safe: the ledger confines all access to its lock.
 */
final class Blocks {

    private static final int MAXIMUM_BLOCK_LENGTH = 1 << 20;

    private final List<Transaction> log = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<SealedBlock> blocks = new ArrayList<>();

    void append(Transaction transaction) {
        positions.put(TransactionIds.of(transaction), log.size());
        log.add(transaction);
    }

    /** Cuts the next block of the transactions committed since the last one; false when there are none. */
    boolean cut(Instant now) {
        int from = blocks.isEmpty() ? 0 : blocks.getLast().to();
        if (from == log.size()) {
            return false;
        }
        int to = Math.min(log.size(), from + MAXIMUM_BLOCK_LENGTH);
        SealedBlock previous = blocks.isEmpty() ? null : blocks.getLast();
        BlockHeader header = BlockHeader.newBuilder()
                .setPreviousHeaderHash(ByteString.copyFrom(
                        previous == null ? new byte[32] : Digests.sha256(previous.header().toByteArray())))
                .setPreviousPublicationHash(ByteString.copyFrom(
                        previous == null ? new byte[32] : Digests.sha256(previous.publication().toByteArray())))
                .setMerkleRootHash(ByteString.copyFrom(MerkleTrees.root(leaves(from, to))))
                .setCreatedAt(timestamp(now.truncatedTo(ChronoUnit.MICROS)))
                .build();
        BlockPublication publication = BlockPublication.newBuilder()
                .setLogEntry(BlockPublication.LogEntry.newBuilder()
                        .setBlockHeaderHash(ByteString.copyFrom(Digests.sha256(header.toByteArray()))))
                .build();
        blocks.add(new SealedBlock(header, publication, from, to));
        return true;
    }

    /** As the registry's GetBlocks: oldest first, heights from 1, transactions only when asked for. */
    List<Block> blocks(int skip, int limit, boolean includeTransactions) {
        List<Block> page = new ArrayList<>();
        for (int index = skip; index < blocks.size() && page.size() < limit; index++) {
            SealedBlock sealed = blocks.get(index);
            Block.Builder block = Block.newBuilder()
                    .setHeight(index + 1)
                    .setHeader(sealed.header())
                    .setPublication(sealed.publication());
            if (includeTransactions) {
                block.addAllTransactions(log.subList(sealed.from(), sealed.to()));
            }
            page.add(block.build());
        }
        return page;
    }

    /** The Merkle proof of a committed transaction in its block; empty while it is in none. */
    Optional<MerkleProof> proof(String transactionId) {
        Integer position = positions.get(transactionId);
        if (position == null) {
            return Optional.empty();
        }
        return blocks.stream()
                .filter(block -> block.from() <= position && position < block.to())
                .findFirst()
                .map(block -> MerkleProof.newBuilder()
                        .setTransaction(log.get(position))
                        .setLeafIndex(position - block.from())
                        .addAllHashes(MerkleTrees.requiredHashes(leaves(block.from(), block.to()), position - block.from())
                                .stream().map(ByteString::copyFrom).toList())
                        .setBlockId(ByteString.copyFrom(Digests.sha256(block.header().toByteArray())))
                        .build());
    }

    private List<byte[]> leaves(int from, int to) {
        return log.subList(from, to).stream().map(Transaction::toByteArray).toList();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private record SealedBlock(BlockHeader header, BlockPublication publication, int from, int to) {
    }
}
