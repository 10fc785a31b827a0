package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two random states of one certificate over a small pool of slice ids (so that slices are often kept,
 * changed, dropped or new): writing only the changes to the older slices gives exactly the newer ones, and
 * every change named is a real one.
 */
class SliceChangesPropertyTest {

    private static final UUID CERTIFICATE = UUID.randomUUID();
    private static final List<UUID> SLICE_IDS = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    /** Per slice id of the pool: absent (null) or one of a few versions of that slice. */
    @Provide
    Arbitrary<List<Slice>> states() {
        return Arbitraries.integers().between(-2, 3).list().ofSize(SLICE_IDS.size()).map(versions -> {
            List<Slice> slices = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                int version = versions.get(i);
                if (version >= 0) {
                    slices.add(version(SLICE_IDS.get(i), version));
                }
            }
            return slices;
        }).flatMap(slices -> Arbitraries.shuffle(slices));
    }

    @Property(tries = 300)
    void theChangesTurnTheOlderSlicesIntoTheNewerOnes(@ForAll("states") List<Slice> older,
            @ForAll("states") List<Slice> newer) {
        Certificate before = certificateOf(older);
        Certificate after = certificateOf(newer);

        SliceChanges changes = before.changesTo(after);

        Map<UUID, Slice> rows = byId(older);
        changes.removed().forEach(id -> assertThat(rows.remove(id)).isNotNull());
        changes.changed().forEach(slice -> assertThat(rows.put(slice.sliceId(), slice)).isNotNull().isNotEqualTo(slice));
        changes.added().forEach(slice -> assertThat(rows.put(slice.sliceId(), slice)).isNull());
        assertThat(rows).isEqualTo(byId(newer));
        assertThat(changes.removed()).doesNotHaveDuplicates().noneMatch(byId(newer)::containsKey);
    }

    private static Slice version(UUID sliceId, int version) {
        return switch (version) {
            case 0 -> new Slice(sliceId, "alice", 5, SliceState.AVAILABLE);
            case 1 -> new Slice(sliceId, "bob", 5, SliceState.AVAILABLE);
            case 2 -> new Slice(sliceId, "bob", 5, SliceState.ALLOCATED, UUID.nameUUIDFromBytes(new byte[] {1}), true);
            default -> Slice.ofUnknownQuantity(sliceId, "external:key", SliceState.CLAIMED, null);
        };
    }

    private static Certificate certificateOf(List<Slice> slices) {
        long quantity = slices.stream().mapToLong(Slice::quantity).sum();
        return new Certificate(CERTIFICATE, CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3600),
                quantity, slices);
    }

    private static Map<UUID, Slice> byId(List<Slice> slices) {
        return slices.stream().collect(Collectors.toMap(Slice::sliceId, slice -> slice, (a, b) -> a, LinkedHashMap::new));
    }
}
