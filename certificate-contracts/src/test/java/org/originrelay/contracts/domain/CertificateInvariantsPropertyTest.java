package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random sequences of commands, valid and invalid, applied the way the services apply them: check the
 * rule, apply only when allowed. After every step, whatever happened: each certificate still holds the
 * quantity it was issued with, no slice id exists twice, a claimed slice stays claimed and unchanged, and
 * a rejected command changed nothing. Applying a change the rules forbid must fail loudly, never half-work.
 * Now and then the registry leaves a claim half done (ALLOCATE): both slices ALLOCATED, as reconciliation
 * shows them; an allocated slice then never moves, and ends only CLAIMED by a claim of the same pair.
 */
class CertificateInvariantsPropertyTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<String> OWNERS = List.of("alice", "alice", "bob", "carol");
    private static final List<String> NO_ONE = List.of(" ", "");
    private static final List<String> GRID_AREAS = List.of("DK1", "DK1", "DK1", "DK1", "DK1", "DK2");
    // Mostly overlapping periods, so that claims are often possible.
    private static final List<Long> START_OFFSET_SECONDS = List.of(0L, 0L, 0L, 1800L, 3600L);
    private static final List<Long> PERIOD_SECONDS = List.of(3600L, 3600L, 1800L, 60L);
    private static final List<Long> BAD_PERIOD_SECONDS = List.of(59L, 3601L, 0L);
    // Mostly one small quantity, so production and consumption slices often match for a claim.
    private static final List<Long> QUANTITIES = List.of(10L, 10L, 10L, 10L, 4L, 6L, 1L);
    private static final List<Long> BAD_QUANTITIES = List.of(0L, -3L);

    enum Kind { ISSUE, TRANSFER, SLICE, CLAIM, ALLOCATE }

    /** One step; each pick (0..99) makes one choice among what exists when the step runs. */
    record Step(Kind kind, int a, int b, int c, int d, int e, int f, int g) {
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 99);
        // Issues weigh more: claims need certificates of both types to be there first.
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(3, Kind.ISSUE), Tuple.of(2, Kind.TRANSFER),
                Tuple.of(2, Kind.SLICE), Tuple.of(3, Kind.CLAIM), Tuple.of(1, Kind.ALLOCATE));
        return Combinators.combine(kinds, pick, pick, pick, pick, pick, pick, pick).as(Step::new)
                .list().ofMaxSize(50).withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 200)
    void checkedCommandsNeverBreakTheInvariants(@ForAll("scenarios") List<Step> steps) {
        World world = new World();
        for (Step step : steps) {
            Map<UUID, Certificate> before = Map.copyOf(world.certificates);
            boolean applied = switch (step.kind()) {
                case ISSUE -> issue(world, step);
                case TRANSFER -> transfer(world, step);
                case SLICE -> slice(world, step);
                case CLAIM -> claim(world, step);
                case ALLOCATE -> allocate(world, step);
            };
            Statistics.label("steps").collect(step.kind(), applied ? "applied" : "rejected");
            if (!applied) {
                assertThat(world.certificates).as("a rejected %s changes nothing", step.kind()).isEqualTo(before);
            }
            world.assertInvariants();
        }
        Statistics.label("steps").coverage(coverage -> {
            for (Kind kind : Kind.values()) {
                coverage.check(kind, "applied").count(count -> count > 0);
                coverage.check(kind, "rejected").count(count -> count > 0);
            }
        });
    }

    private static boolean issue(World world, Step step) {
        UUID certificateId = step.a() >= 95 ? world.anyCertificateId(step.b()) : UUID.randomUUID();
        UUID sliceId = step.b() >= 95 ? world.anySliceId(step.c()) : UUID.randomUUID();
        CertificateType type = step.c() % 2 == 0 ? CertificateType.PRODUCTION : CertificateType.CONSUMPTION;
        Instant start = START.plusSeconds(pick(START_OFFSET_SECONDS, step.c() / 2));
        var command = new IssueCertificate(certificateId, sliceId, type, usually(step.d(), GRID_AREAS, NO_ONE),
                start, start.plusSeconds(usually(step.e(), PERIOD_SECONDS, BAD_PERIOD_SECONDS)),
                usually(step.f(), QUANTITIES, BAD_QUANTITIES), usually(step.g(), OWNERS, NO_ONE));

        if (CertificateRules.checkIssue(world.certificate(certificateId), world::sliceIdInUse, command).isAllowed()) {
            world.issued.put(certificateId, command.quantity());
            world.put(Certificate.issue(command));
            return true;
        }
        assertForbiddenChangeFails(CertificateRules.checkIssue(command), () -> Certificate.issue(command));
        return false;
    }

    private static boolean transfer(World world, Step step) {
        UUID sliceId = world.pickSlice(step.a()).map(Slice::sliceId).orElseGet(UUID::randomUUID);
        UUID certificateId = step.b() >= 95 ? UUID.randomUUID() : world.certificateIdFor(sliceId, step.b());
        String receiver = usually(step.c(), OWNERS, NO_ONE);
        var command = new TransferSlice(certificateId, sliceId, receiver, requester(step.d(), world.ownerOf(sliceId)));
        Optional<Certificate> certificate = world.certificate(certificateId);

        if (CertificateRules.checkTransfer(certificate, command).isAllowed()) {
            world.put(certificate.orElseThrow().transfer(sliceId, receiver));
            return true;
        }
        certificate.ifPresent(target -> assertForbiddenChangeFails(
                CertificateRules.checkTransfer(certificate, new TransferSlice(certificateId, sliceId, receiver, null)),
                () -> target.transfer(sliceId, receiver)));
        return false;
    }

    private static boolean slice(World world, Step step) {
        UUID sourceId = world.pickSlice(step.a()).map(Slice::sliceId).orElseGet(UUID::randomUUID);
        UUID certificateId = world.certificateIdFor(sourceId, step.b());
        List<NewSlice> parts = parts(world, world.quantityOf(sourceId), step);
        var command = new SliceCertificate(certificateId, sourceId, parts, requester(step.f(), world.ownerOf(sourceId)));
        Optional<Certificate> certificate = world.certificate(certificateId);

        if (CertificateRules.checkSlice(certificate, world::sliceIdInUse, command).isAllowed()) {
            world.put(certificate.orElseThrow().slice(sourceId, parts));
            return true;
        }
        certificate.ifPresent(target -> assertForbiddenChangeFails(
                CertificateRules.checkSlice(certificate, new SliceCertificate(certificateId, sourceId, parts, null)),
                () -> target.slice(sourceId, parts)));
        return false;
    }

    /** Mostly a cut into fresh ids that adds up; sometimes one part, one too many, a duplicate or a used id. */
    private static List<NewSlice> parts(World world, long source, Step step) {
        int count = step.b() >= 95 ? 1 : step.b() >= 70 ? 3 : 2;
        long[] quantities = new long[count];
        long share = Math.max(1, source / count);
        for (int i = 0; i < count - 1; i++) {
            quantities[i] = 1 + (step.c() + i) % share;
        }
        quantities[count - 1] = source - LongStream.of(quantities).sum() + (step.d() >= 95 ? 1 : 0);
        List<NewSlice> parts = new ArrayList<>();
        for (long quantity : quantities) {
            parts.add(new NewSlice(UUID.randomUUID(), quantity));
        }
        if (count > 1 && step.e() >= 95) {
            parts.set(1, new NewSlice(parts.get(0).sliceId(), quantities[1]));
        } else if (step.e() >= 90) {
            parts.set(0, new NewSlice(world.anySliceId(step.c()), quantities[0]));
        }
        return parts;
    }

    private static boolean claim(World world, Step step) {
        List<UUID> likelyPair = step.b() < 60 ? world.likelyClaim(step.a()) : List.of();
        UUID productionSlice = likelyPair.isEmpty()
                ? world.pickSlice(step.a(), CertificateType.PRODUCTION) : likelyPair.get(0);
        UUID consumptionSlice = likelyPair.isEmpty()
                ? world.pickSlice(step.c(), CertificateType.CONSUMPTION) : likelyPair.get(1);
        UUID productionId = world.certificateIdFor(productionSlice, step.d());
        UUID consumptionId = world.certificateIdFor(consumptionSlice, step.e());
        var command = new Claim(UUID.randomUUID(), productionId, productionSlice, consumptionId, consumptionSlice,
                requester(step.f(), world.ownerOf(productionSlice)));
        Optional<Certificate> production = world.certificate(productionId);
        Optional<Certificate> consumption = world.certificate(consumptionId);

        if (CertificateRules.checkClaim(production, consumption, command).isAllowed()) {
            CertificateRules.applyClaim(production.orElseThrow(), consumption.orElseThrow(), command)
                    .forEach(world::put);
            return true;
        }
        if (production.isPresent() && consumption.isPresent()) {
            var onAnyonesBehalf = new Claim(command.claimId(), productionId, productionSlice, consumptionId,
                    consumptionSlice, null);
            assertForbiddenChangeFails(CertificateRules.checkClaim(production, consumption, onAnyonesBehalf),
                    () -> CertificateRules.applyClaim(production.get(), consumption.get(), command));
        }
        return false;
    }

    /**
     * Not a command: the registry committed a claim's two allocations and failed its claimed events. What
     * reconciliation then shows: both slices ALLOCATED to one allocation. "Rejected" when no pair is claimable.
     */
    private static boolean allocate(World world, Step step) {
        List<UUID> pair = world.claimablePair(step.a(), false);
        if (pair.isEmpty()) {
            return false;
        }
        UUID allocation = UUID.randomUUID();
        pair.forEach(sliceId -> world.allocate(sliceId, allocation));
        return true;
    }

    /** Where the rule, without the requester, forbids the change, applying it anyway fails with its reason. */
    private static void assertForbiddenChangeFails(Verdict withoutRequester, ThrowingCallable apply) {
        if (withoutRequester instanceof Verdict.Violation(String reason)) {
            assertThatThrownBy(apply).isInstanceOf(IllegalStateException.class).hasMessageEndingWith(reason);
        }
    }

    /** Mostly the owner, sometimes nobody in particular (not checked), sometimes a stranger. */
    private static String requester(int pick, String owner) {
        return pick < 70 ? owner : pick < 90 ? null : "mallory";
    }

    /** One of the usual values, or now and then (8 in 100) a broken one. */
    private static <T> T usually(int pick, List<T> usual, List<T> broken) {
        return pick < 92 ? pick(usual, pick) : pick(broken, pick);
    }

    private static <T> T pick(List<T> options, int pick) {
        return options.get(pick % options.size());
    }

    /** The certificates as a service would know them, plus what the invariants are checked against. */
    private static final class World {

        final Map<UUID, Certificate> certificates = new LinkedHashMap<>();
        final Map<UUID, Long> issued = new HashMap<>();
        final Map<UUID, Slice> claimedAsTheyWere = new HashMap<>();
        final Map<UUID, Slice> allocatedAsTheyWere = new HashMap<>();

        void allocate(UUID sliceId, UUID allocation) {
            Certificate holder = holderOf(sliceId).orElseThrow();
            put(new Certificate(holder.certificateId(), holder.type(), holder.gridArea(), holder.start(), holder.end(),
                    holder.quantity(), holder.slices().stream().map(slice -> slice.sliceId().equals(sliceId)
                            ? new Slice(sliceId, slice.owner(), slice.quantity(), SliceState.ALLOCATED, allocation, true)
                            : slice).toList()));
        }

        void put(Certificate certificate) {
            certificates.put(certificate.certificateId(), certificate);
        }

        Optional<Certificate> certificate(UUID certificateId) {
            return Optional.ofNullable(certificates.get(certificateId));
        }

        List<Slice> slices() {
            return certificates.values().stream().flatMap(certificate -> certificate.slices().stream()).toList();
        }

        List<Slice> slicesOf(CertificateType type) {
            return certificates.values().stream().filter(certificate -> certificate.type() == type)
                    .flatMap(certificate -> certificate.slices().stream()).toList();
        }

        boolean sliceIdInUse(UUID sliceId) {
            return holderOf(sliceId).isPresent();
        }

        Optional<Certificate> holderOf(UUID sliceId) {
            return certificates.values().stream().filter(certificate -> certificate.slice(sliceId).isPresent())
                    .findFirst();
        }

        Optional<Slice> find(UUID sliceId) {
            return holderOf(sliceId).flatMap(certificate -> certificate.slice(sliceId));
        }

        /** A slice that exists, mostly; an unknown one when there is none or the pick says so. */
        Optional<Slice> pickSlice(int pick) {
            List<Slice> slices = slices();
            return slices.isEmpty() || pick >= 90 ? Optional.empty() : Optional.of(pick(slices, pick));
        }

        /** Mostly a slice of a certificate of the wanted type, else any slice, else an unknown one. */
        UUID pickSlice(int pick, CertificateType type) {
            List<Slice> ofType = slicesOf(type);
            if (pick < 90 && !ofType.isEmpty()) {
                return pick(ofType, pick).sliceId();
            }
            return pickSlice(pick).map(Slice::sliceId).orElseGet(UUID::randomUUID);
        }

        /**
         * Production and consumption slices of one owner and quantity, both available or both allocated to
         * one allocation (a claim resuming it), if any: a likely claim.
         */
        List<UUID> likelyClaim(int pick) {
            return claimablePair(pick, true);
        }

        List<UUID> claimablePair(int pick, boolean orResumable) {
            List<List<UUID>> pairs = new ArrayList<>();
            for (Slice production : slicesOf(CertificateType.PRODUCTION)) {
                for (Slice consumption : slicesOf(CertificateType.CONSUMPTION)) {
                    boolean bothAvailable = production.isAvailable() && consumption.isAvailable();
                    boolean resumable = orResumable && production.state() == SliceState.ALLOCATED
                            && consumption.isAllocatedTo(production.allocationId());
                    if ((bothAvailable || resumable)
                            && production.owner().equals(consumption.owner())
                            && production.quantity() == consumption.quantity()) {
                        pairs.add(List.of(production.sliceId(), consumption.sliceId()));
                    }
                }
            }
            return pairs.isEmpty() ? List.of() : pick(pairs, pick);
        }

        /** The certificate holding the slice, as a correct command names it; else some certificate. */
        UUID certificateIdFor(UUID sliceId, int pick) {
            return holderOf(sliceId).map(Certificate::certificateId).orElseGet(() -> anyCertificateId(pick));
        }

        UUID anyCertificateId(int pick) {
            return certificates.isEmpty() ? UUID.randomUUID() : pick(List.copyOf(certificates.keySet()), pick);
        }

        UUID anySliceId(int pick) {
            List<Slice> slices = slices();
            return slices.isEmpty() ? UUID.randomUUID() : pick(slices, pick).sliceId();
        }

        String ownerOf(UUID sliceId) {
            return find(sliceId).map(Slice::owner).orElse("alice");
        }

        long quantityOf(UUID sliceId) {
            return find(sliceId).map(Slice::quantity).orElse(10L);
        }

        void assertInvariants() {
            Set<UUID> seen = new HashSet<>();
            for (Certificate certificate : certificates.values()) {
                assertThat(certificate.slices().stream().mapToLong(Slice::quantity).sum())
                        .as("certificate %s keeps its issued quantity", certificate.certificateId())
                        .isEqualTo(issued.get(certificate.certificateId()));
                for (Slice slice : certificate.slices()) {
                    assertThat(seen.add(slice.sliceId())).as("slice %s exists once", slice.sliceId()).isTrue();
                    if (slice.state() == SliceState.CLAIMED) {
                        claimedAsTheyWere.putIfAbsent(slice.sliceId(), slice);
                    }
                    if (slice.state() == SliceState.ALLOCATED) {
                        allocatedAsTheyWere.putIfAbsent(slice.sliceId(), slice);
                    }
                }
            }
            claimedAsTheyWere.forEach((sliceId, claimed) -> assertThat(find(sliceId))
                    .as("claimed slice %s stays claimed, with its owner and quantity", sliceId).contains(claimed));
            allocatedAsTheyWere.forEach((sliceId, allocated) -> assertThat(find(sliceId).orElse(null))
                    .as("allocated slice %s stays as it was, or is claimed by its allocation's claim", sliceId)
                    .isIn(allocated, new Slice(sliceId, allocated.owner(), allocated.quantity(),
                            SliceState.CLAIMED, allocated.allocationId(), true)));
        }
    }
}
