package org.originrelay.registry.protocol.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.Digests;

/**
 * The registry's Merkle tree, checked against the shapes its own tests spell out
 * (project-origin/registry {@code test/ProjectOrigin.Registry.Tests/MerkleTreeTests.cs}).
 */
class MerkleTreesTest {

    @Test
    void aBalancedTreeHashesPairsUpToTheRoot() {
        List<byte[]> e = leaves(8);

        byte[] h12 = h(h(e.get(0)), h(e.get(1)));
        byte[] h34 = h(h(e.get(2)), h(e.get(3)));
        byte[] h56 = h(h(e.get(4)), h(e.get(5)));
        byte[] h78 = h(h(e.get(6)), h(e.get(7)));

        assertThat(MerkleTrees.root(e)).isEqualTo(h(h(h12, h34), h(h56, h78)));
    }

    @Test
    void anUnbalancedTreeRepeatsTheLastLeafOfTheFullHalf() {
        List<byte[]> e = leaves(6);

        byte[] h12 = h(h(e.get(0)), h(e.get(1)));
        byte[] h34 = h(h(e.get(2)), h(e.get(3)));
        byte[] h56 = h(h(e.get(4)), h(e.get(5)));
        byte[] h66 = h(h(e.get(5)), h(e.get(5)));

        assertThat(MerkleTrees.root(e)).isEqualTo(h(h(h12, h34), h(h56, h66)));
    }

    @Test
    void aLoneLeafIsHashedWithItselfOncePerLevelAndAOneLeafTreeIsItsHash() {
        List<byte[]> e = leaves(3);
        byte[] hc = h(e.get(2));

        assertThat(MerkleTrees.root(e)).isEqualTo(h(h(h(e.get(0)), h(e.get(1))), h(hc, hc)));
        assertThat(MerkleTrees.root(leaves(1))).isEqualTo(h(leaves(1).getFirst()));
    }

    @Test
    void proofsHoldAsManyHashesAsTheRegistrysTestsExpect() {
        assertThat(MerkleTrees.requiredHashes(leaves(2), 1)).hasSize(1);
        assertThat(MerkleTrees.requiredHashes(leaves(4), 1)).hasSize(2);
        assertThat(MerkleTrees.requiredHashes(leaves(8), 5)).hasSize(3);
        assertThat(MerkleTrees.requiredHashes(leaves(16), 5)).hasSize(4);
        assertThat(MerkleTrees.requiredHashes(leaves(1 << 10), 5)).hasSize(10);
        assertThat(MerkleTrees.requiredHashes(leaves(1), 0)).isEmpty();
    }

    @Test
    void everyLeafsProofLeadsToTheRootForBlocksOfOneToFortyTransactions() {
        for (int count = 1; count <= 40; count++) {
            List<byte[]> e = leaves(count);
            byte[] root = MerkleTrees.root(e);
            for (int leaf = 0; leaf < count; leaf++) {
                List<byte[]> hashes = MerkleTrees.requiredHashes(e, leaf);
                assertThat(MerkleTrees.rootFromProof(e.get(leaf), leaf, hashes))
                        .as("leaf %d of %d", leaf, count)
                        .isEqualTo(root);
            }
        }
    }

    @Test
    void anotherLeafOrAChangedHashLeadsElsewhere() {
        List<byte[]> e = leaves(7);
        byte[] root = MerkleTrees.root(e);
        List<byte[]> hashes = MerkleTrees.requiredHashes(e, 2);

        assertThat(MerkleTrees.rootFromProof(e.get(3), 2, hashes)).isNotEqualTo(root);
        List<byte[]> changed = new ArrayList<>(hashes);
        byte[] first = changed.getFirst().clone();
        first[0] ^= 1;
        changed.set(0, first);
        assertThat(MerkleTrees.rootFromProof(e.get(2), 2, changed)).isNotEqualTo(root);
    }

    private static List<byte[]> leaves(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> ("transaction " + i).getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    private static byte[] h(byte[] data) {
        return Digests.sha256(data);
    }

    private static byte[] h(byte[] left, byte[] right) {
        return Digests.sha256(left, right);
    }
}
