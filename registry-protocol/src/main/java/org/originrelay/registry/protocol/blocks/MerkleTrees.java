package org.originrelay.registry.protocol.blocks;

import java.util.ArrayList;
import java.util.List;
import org.originrelay.registry.protocol.Digests;

/**
 * The Merkle tree over a block's transactions as Project Origin's registry builds it
 * (project-origin/registry {@code Extensions/IEnumerableMerkleExtension.cs}): leaves are SHA-256 of each
 * serialized transaction, inner nodes SHA-256 of left ‖ right, over a tree padded to a power of two. Its
 * padding is its own and is reproduced exactly: a half with no leaves repeats the last leaf of the other
 * half, and a subtree holding one leaf hashes that leaf with itself once per level (so a lone leaf
 * {@code x} at height 1 is {@code SHA-256(SHA-256(x) ‖ SHA-256(x))}).
 */
public final class MerkleTrees {

    private MerkleTrees() {
    }

    /** The root over the leaves (serialized transactions) in block order. */
    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle root needs at least one leaf");
        }
        return nodes(leaves, balancedCount(leaves.size()));
    }

    /**
     * The sibling hashes from the leaf up, in the order the registry lists them (the top of the tree's
     * left sibling first, a right sibling after the deeper ones): what {@code MerkleProof.hashes} holds.
     * A block of a single transaction needs none. Where a subtree has one leaf the registry gives no sibling
     * and the verifier repeats the leaf, as {@link #rootFromProof} does.
     */
    public static List<byte[]> requiredHashes(List<byte[]> leaves, int leafIndex) {
        if (leafIndex < 0 || leafIndex >= leaves.size()) {
            throw new IllegalArgumentException("leaf " + leafIndex + " is not among " + leaves.size() + " leaves");
        }
        List<byte[]> hashes = new ArrayList<>();
        if (leaves.size() > 1) {
            collect(leaves, leafIndex, balancedCount(leaves.size()), hashes);
        }
        return hashes;
    }

    /**
     * The root a proof leads to, computed as the registry's own tests check a proof
     * ({@code MerkleTreeTests.HashRootFromMerkleProof}); compare it with the block header's
     * {@code merkle_root_hash}.
     */
    public static byte[] rootFromProof(byte[] leaf, int leafIndex, List<byte[]> hashes) {
        int balanced = 1 << hashes.size();
        if (leafIndex >= balanced) {
            balanced <<= 1;
        }
        return fromProof(hashes, leafIndex, leaf, balanced);
    }

    private static byte[] fromProof(List<byte[]> hashes, int leafIndex, byte[] leaf, int balanced) {
        if (hashes.isEmpty()) {
            return repeated(Digests.sha256(leaf), balanced);
        }
        if (hashes.size() == 1 && balanced == 2) {
            byte[] leafHash = Digests.sha256(leaf);
            return leafIndex == 0 ? Digests.sha256(leafHash, hashes.getFirst()) : Digests.sha256(hashes.getFirst(), leafHash);
        }
        int half = balanced / 2;
        if (leafIndex >= half) {
            return Digests.sha256(hashes.getFirst(), fromProof(hashes.subList(1, hashes.size()), leafIndex - half, leaf, half));
        }
        return Digests.sha256(fromProof(hashes.subList(0, hashes.size() - 1), leafIndex, leaf, half), hashes.getLast());
    }

    private static void collect(List<byte[]> leaves, int leafIndex, int balanced, List<byte[]> out) {
        if (balanced == 2) {
            if (leafIndex == 0 && leaves.size() == 2) {
                out.add(Digests.sha256(leaves.get(1)));
            } else if (leafIndex == 1) {
                out.add(Digests.sha256(leaves.get(0)));
            }
            return;
        }
        int half = balanced / 2;
        List<byte[]> left = leaves.subList(0, Math.min(half, leaves.size()));
        List<byte[]> right = leaves.subList(Math.min(half, leaves.size()), leaves.size());
        if (leafIndex >= half) {
            out.add(nodes(left, half));
            collect(right, leafIndex - half, half, out);
        } else {
            collect(left, leafIndex, half, out);
            // An empty right half stands for the left half's last leaf, as in the root. (The registry's
            // code throws here, e.g. for the fifth of five transactions; this gives the sibling its root uses.)
            out.add(nodes(right.isEmpty() ? List.of(left.getLast()) : right, half));
        }
    }

    private static byte[] nodes(List<byte[]> nodes, int balanced) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("nodes cannot be empty");
        }
        if (nodes.size() == 1) {
            return repeated(Digests.sha256(nodes.getFirst()), balanced);
        }
        int half = balanced / 2;
        List<byte[]> left = nodes.subList(0, Math.min(half, nodes.size()));
        List<byte[]> right = nodes.size() > half ? nodes.subList(half, nodes.size()) : List.of(left.getLast());
        return Digests.sha256(nodes(left, half), nodes(right, half));
    }

    /** A one-leaf subtree of {@code balanced} leaves: the hash combined with itself once per level. */
    private static byte[] repeated(byte[] hash, int balanced) {
        byte[] node = hash;
        for (int level = Integer.numberOfTrailingZeros(balanced); level > 0; level--) {
            node = Digests.sha256(node, node);
        }
        return node;
    }

    private static int balancedCount(int count) {
        return count == 1 ? 1 : Integer.highestOneBit(count - 1) << 1;
    }
}
