package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of commands, valid and invalid, applied the way the services apply them: check the
 * rule, apply only when allowed. Whatever happens, quantity is conserved per certificate, no slice id
 * exists twice, a rejected command changes nothing, and a claimed slice never becomes available again.
 */
class CertificateInvariantsPropertyTest {

    private static final List<String> OWNERS = List.of("alice", "bob", "carol");
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    /** One random step; its numbers pick targets among what exists when it runs. */
    record Step(int kind, int pick, int otherPick, int amount, int person, int otherPerson) {
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 50), Arbitraries.integers().between(-5, 2000),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3)).as(Step::new);
    }

    @Property(tries = 300)
    void commandsNeverBreakTheInvariants(@ForAll @Size(max = 60) List<@net.jqwik.api.From("steps") Step> steps) {
        Map<UUID, Certificate> world = new HashMap<>();
        Map<UUID, Long> issued = new HashMap<>();
        Set<UUID> everClaimed = new HashSet<>();

        for (Step step : steps) {
            Map<UUID, Certificate> before = Map.copyOf(world);
            boolean applied = switch (step.kind()) {
                case 0 -> issue(world, issued, step);
                case 1 -> transfer(world, step);
                case 2 -> slice(world, step);
                default -> claim(world, step);
            };
            if (!applied) {
                assertThat(world).isEqualTo(before);
            }
            assertInvariants(world, issued, everClaimed);
        }
    }

    private static boolean issue(Map<UUID, Certificate> world, Map<UUID, Long> issued, Step step) {
        var type = step.person() % 2 == 0 ? CertificateType.PRODUCTION : CertificateType.CONSUMPTION;
        Instant end = START.plusSeconds(step.otherPick() * 90L);
        var command = new IssueCertificate(UUID.randomUUID(), UUID.randomUUID(), type, "DK1", START, end,
                step.amount(), person(step.otherPerson()));
        if (!CertificateRules.checkIssue(Optional.empty(), command).isAllowed()) {
            return false;
        }
        world.put(command.certificateId(), Certificate.issue(command));
        issued.put(command.certificateId(), (long) step.amount());
        return true;
    }

    private static boolean transfer(Map<UUID, Certificate> world, Step step) {
        Optional<Slice> slice = pickSlice(world, step.pick());
        UUID sliceId = slice.map(Slice::sliceId).orElseGet(UUID::randomUUID);
        UUID certificateId = certificateOf(world, sliceId);
        var command = new TransferSlice(certificateId, sliceId, person(step.person()), maybePerson(step.otherPerson()));
        if (!CertificateRules.checkTransfer(Optional.ofNullable(world.get(certificateId)), command).isAllowed()) {
            return false;
        }
        world.put(certificateId, world.get(certificateId).transfer(sliceId, command.receiver()));
        return true;
    }

    private static boolean slice(Map<UUID, Certificate> world, Step step) {
        Optional<Slice> slice = pickSlice(world, step.pick());
        if (slice.isEmpty()) {
            return false;
        }
        long first = step.amount() % 2 == 0 ? step.amount() : slice.get().quantity() - step.otherPick();
        List<NewSlice> parts = List.of(new NewSlice(UUID.randomUUID(), first),
                new NewSlice(UUID.randomUUID(), slice.get().quantity() - first + (step.person() == 3 ? 1 : 0)));
        UUID certificateId = certificateOf(world, slice.get().sliceId());
        var command = new SliceCertificate(certificateId, slice.get().sliceId(), parts, maybePerson(step.otherPerson()));
        if (!CertificateRules.checkSlice(Optional.of(world.get(certificateId)), command).isAllowed()) {
            return false;
        }
        world.put(certificateId, world.get(certificateId).slice(command.sliceId(), parts));
        return true;
    }

    private static boolean claim(Map<UUID, Certificate> world, Step step) {
        Optional<Slice> production = pickSlice(world, step.pick());
        Optional<Slice> consumption = pickSlice(world, step.otherPick());
        if (production.isEmpty() || consumption.isEmpty()) {
            return false;
        }
        UUID productionCertificate = certificateOf(world, production.get().sliceId());
        UUID consumptionCertificate = certificateOf(world, consumption.get().sliceId());
        var command = new Claim(UUID.randomUUID(), productionCertificate, production.get().sliceId(),
                consumptionCertificate, consumption.get().sliceId(), maybePerson(step.person()));
        if (!CertificateRules.checkClaim(Optional.of(world.get(productionCertificate)),
                Optional.of(world.get(consumptionCertificate)), command).isAllowed()) {
            return false;
        }
        List<Certificate> claimed = CertificateRules.applyClaim(world.get(productionCertificate),
                world.get(consumptionCertificate), command);
        claimed.forEach(certificate -> world.put(certificate.certificateId(), certificate));
        return true;
    }

    private static void assertInvariants(Map<UUID, Certificate> world, Map<UUID, Long> issued, Set<UUID> everClaimed) {
        Set<UUID> seen = new HashSet<>();
        for (Certificate certificate : world.values()) {
            assertThat(certificate.slices().stream().mapToLong(Slice::quantity).sum())
                    .isEqualTo(issued.get(certificate.certificateId()));
            for (Slice slice : certificate.slices()) {
                assertThat(seen.add(slice.sliceId())).as("slice %s exists once", slice.sliceId()).isTrue();
                if (slice.state() == SliceState.CLAIMED) {
                    everClaimed.add(slice.sliceId());
                } else {
                    assertThat(everClaimed).as("a claimed slice stays claimed").doesNotContain(slice.sliceId());
                }
            }
        }
    }

    private static Optional<Slice> pickSlice(Map<UUID, Certificate> world, int pick) {
        List<Slice> all = new ArrayList<>();
        world.values().stream().sorted(java.util.Comparator.comparing(Certificate::certificateId))
                .forEach(certificate -> all.addAll(certificate.slices()));
        return all.isEmpty() || pick >= all.size() + 3 ? Optional.empty() : Optional.of(all.get(pick % all.size()));
    }

    private static UUID certificateOf(Map<UUID, Certificate> world, UUID sliceId) {
        return world.values().stream().filter(certificate -> certificate.slice(sliceId).isPresent())
                .map(Certificate::certificateId).findFirst().orElseGet(UUID::randomUUID);
    }

    private static String person(int index) {
        return OWNERS.get(index % OWNERS.size());
    }

    private static String maybePerson(int index) {
        return index == 3 ? null : OWNERS.get(index);
    }
}
