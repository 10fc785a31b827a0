package org.originrelay.contracts.domain;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.originrelay.contracts.domain.Verdict.ALLOWED;
import static org.originrelay.contracts.domain.Verdict.violation;

/**
 * Whether a command may change the certificates as it asks. The rules live here once, used by the
 * validator (before anything reaches the registry) and by the projection (applying what the registry
 * accepted). Each check is given the certificates as the caller knows them (empty when unknown), and
 * the first rule a command breaks is the reason.
 *
 * <p>Slice ids are global: both services key slices by id alone. Only the caller knows every slice, so
 * the checks that create slice ids take a {@code sliceIdInUse} lookup; without it, they only see the
 * certificate at hand.
 */
public final class CertificateRules {

    static final Duration SHORTEST_PERIOD = Duration.ofMinutes(1);
    static final Duration LONGEST_PERIOD = Duration.ofHours(1);

    private CertificateRules() {
    }

    /** The rules an issue command must keep on its own, whatever else exists. */
    public static Verdict checkIssue(IssueCertificate command) {
        if (command.certificateId() == null) {
            return violation("the certificate id is required");
        }
        if (command.sliceId() == null) {
            return violation("the slice id is required");
        }
        if (command.type() == null) {
            return violation("the certificate type is required (PRODUCTION or CONSUMPTION)");
        }
        Verdict period = checkPeriod(command.start(), command.end());
        if (!period.isAllowed()) {
            return period;
        }
        Verdict quantity = checkQuantity(command.quantity());
        if (!quantity.isAllowed()) {
            return quantity;
        }
        if (isBlank(command.gridArea())) {
            return violation("the grid area is required");
        }
        if (isBlank(command.owner())) {
            return violation("the owner is required");
        }
        return ALLOWED;
    }

    /*
     * The rules that need no state, once: command-api answers 400 with them at the door, and the validator
     * keeps them (a command may reach its queue without passing the door).
     */

    /**
     * Start before end, lasting at least a minute and at most an hour: the limits the Project Origin
     * electricity verifier enforces on an issued certificate, so nothing the registry would refuse is sent.
     */
    public static Verdict checkPeriod(Instant start, Instant end) {
        if (start == null || end == null) {
            return violation("the period needs a start and an end");
        }
        if (!end.isAfter(start)) {
            return violation("the period must end after it starts");
        }
        Duration period = Duration.between(start, end);
        if (period.compareTo(SHORTEST_PERIOD) < 0 || period.compareTo(LONGEST_PERIOD) > 0) {
            return violation("the period must last between 1 minute and 1 hour, not " + describe(period));
        }
        return ALLOWED;
    }

    public static Verdict checkQuantity(long quantity) {
        return quantity > 0 ? ALLOWED : violation("the quantity must be positive, got " + quantity);
    }

    /** A slice is cut into at least two new slices, each of a positive quantity. */
    public static Verdict checkNewQuantities(List<Long> quantities) {
        if (quantities.size() < 2) {
            return violation("a slice is cut into at least two new slices, got " + quantities.size());
        }
        for (Long quantity : quantities) {
            if (quantity == null || quantity <= 0) {
                return violation("every new slice needs a positive quantity, got " + quantity);
            }
        }
        return ALLOWED;
    }

    /** Giving a slice to oneself changes nothing and would still cost a registry transaction. */
    public static Verdict checkReceiver(String receiver, String requestedBy) {
        if (isBlank(receiver)) {
            return violation("the receiver is required");
        }
        if (receiver.equals(requestedBy)) {
            return violation("the receiver must differ from the requester");
        }
        return ALLOWED;
    }

    /** As {@link #checkIssue(IssueCertificate)}, and the certificate id must be new. */
    public static Verdict checkIssue(Optional<Certificate> existing, IssueCertificate command) {
        return checkIssue(existing, sliceId -> false, command);
    }

    /** As {@link #checkIssue(Optional, IssueCertificate)}, and the slice id must be unused anywhere. */
    public static Verdict checkIssue(Optional<Certificate> existing, Predicate<UUID> sliceIdInUse,
            IssueCertificate command) {
        if (existing.isPresent()) {
            return violation("certificate " + command.certificateId() + " already exists");
        }
        Verdict content = checkIssue(command);
        if (!content.isAllowed()) {
            return content;
        }
        if (sliceIdInUse.test(command.sliceId())) {
            return sliceIdInUse(command.sliceId());
        }
        return ALLOWED;
    }

    public static Verdict checkTransfer(Optional<Certificate> certificate, TransferSlice command) {
        Optional<Slice> slice = sliceOf(certificate, command.certificateId(), command.sliceId());
        if (slice.isEmpty()) {
            return unknownSlice(command.sliceId(), command.certificateId());
        }
        Verdict usable = usableBy(slice.get(), command.requestedBy());
        if (!usable.isAllowed()) {
            return usable;
        }
        Verdict receiver = checkReceiver(command.receiver(), command.requestedBy());
        if (!receiver.isAllowed()) {
            return receiver;
        }
        if (command.receiver().equals(slice.get().owner())) {
            return violation("the receiver must differ from the slice's owner");
        }
        return ALLOWED;
    }

    /** New slice ids are only checked against this certificate; see the overload with a lookup. */
    public static Verdict checkSlice(Optional<Certificate> certificate, SliceCertificate command) {
        return checkSlice(certificate, sliceId -> false, command);
    }

    public static Verdict checkSlice(Optional<Certificate> certificate, Predicate<UUID> sliceIdInUse,
            SliceCertificate command) {
        Optional<Slice> slice = sliceOf(certificate, command.certificateId(), command.sliceId());
        if (slice.isEmpty()) {
            return unknownSlice(command.sliceId(), command.certificateId());
        }
        Verdict usable = usableBy(slice.get(), command.requestedBy());
        if (!usable.isAllowed()) {
            return usable;
        }
        List<NewSlice> parts = command.newSlices();
        Verdict quantities = checkNewQuantities(parts.stream().map(NewSlice::quantity).toList());
        if (!quantities.isAllowed()) {
            return quantities;
        }
        if (parts.stream().anyMatch(part -> part.sliceId() == null)) {
            return violation("every new slice needs an id");
        }
        BigInteger sum = Quantities.sum(parts.stream().mapToLong(NewSlice::quantity));
        if (!sum.equals(BigInteger.valueOf(slice.get().quantity()))) {
            return violation("quantities must sum to " + slice.get().quantity() + " (the source slice), got " + sum);
        }
        Set<UUID> ids = new HashSet<>();
        for (NewSlice part : parts) {
            if (!ids.add(part.sliceId())) {
                return violation("new slice id " + part.sliceId() + " is given twice");
            }
            if (certificate.get().slice(part.sliceId()).isPresent() || sliceIdInUse.test(part.sliceId())) {
                return sliceIdInUse(part.sliceId());
            }
        }
        return ALLOWED;
    }

    public static Verdict checkClaim(Optional<Certificate> production, Optional<Certificate> consumption,
            Claim command) {
        Optional<Slice> productionSlice = sliceOf(production, command.productionCertificateId(),
                command.productionSliceId());
        if (productionSlice.isEmpty()) {
            return unknownSlice(command.productionSliceId(), command.productionCertificateId());
        }
        Optional<Slice> consumptionSlice = sliceOf(consumption, command.consumptionCertificateId(),
                command.consumptionSliceId());
        if (consumptionSlice.isEmpty()) {
            return unknownSlice(command.consumptionSliceId(), command.consumptionCertificateId());
        }
        if (production.get().type() != CertificateType.PRODUCTION) {
            return violation("certificate " + command.productionCertificateId() + " is not a production certificate");
        }
        if (consumption.get().type() != CertificateType.CONSUMPTION) {
            return violation("certificate " + command.consumptionCertificateId() + " is not a consumption certificate");
        }
        boolean resumesAllocation = productionSlice.get().state() == SliceState.ALLOCATED
                && consumptionSlice.get().isAllocatedTo(productionSlice.get().allocationId());
        for (Slice slice : List.of(productionSlice.get(), consumptionSlice.get())) {
            Verdict usable = resumesAllocation ? claimableBy(slice, command.requestedBy())
                    : usableBy(slice, command.requestedBy());
            if (!usable.isAllowed()) {
                return usable;
            }
        }
        if (!productionSlice.get().owner().equals(consumptionSlice.get().owner())) {
            return violation("both slices must have the same owner");
        }
        if (productionSlice.get().quantity() != consumptionSlice.get().quantity()) {
            return violation("both slices must have the same quantity, not " + productionSlice.get().quantity()
                    + " and " + consumptionSlice.get().quantity());
        }
        if (!production.get().gridArea().equals(consumption.get().gridArea())) {
            return violation("both certificates must be of the same grid area, not " + production.get().gridArea()
                    + " and " + consumption.get().gridArea());
        }
        if (!production.get().start().isBefore(consumption.get().end())
                || !consumption.get().start().isBefore(production.get().end())) {
            return violation("the production and consumption periods do not overlap");
        }
        return ALLOWED;
    }

    /**
     * Applies an allowed claim: both slices become CLAIMED. Returns {production, consumption}. Like the
     * changes on {@link Certificate}, re-checks the rule without the requester and throws
     * {@link IllegalStateException} when it fails.
     */
    public static List<Certificate> applyClaim(Certificate production, Certificate consumption, Claim command) {
        Claim onAnyonesBehalf = new Claim(command.claimId(), command.productionCertificateId(),
                command.productionSliceId(), command.consumptionCertificateId(), command.consumptionSliceId(), null);
        requireAllowed(checkClaim(Optional.of(production), Optional.of(consumption), onAnyonesBehalf));
        return List.of(production.claimSlice(command.productionSliceId()),
                consumption.claimSlice(command.consumptionSliceId()));
    }

    /** One side of a claim, as far as a single certificate can tell. */
    static Verdict checkClaimable(Certificate certificate, UUID sliceId) {
        return certificate.slice(sliceId).map(slice -> claimableBy(slice, null))
                .orElseGet(() -> unknownSlice(sliceId, certificate.certificateId()));
    }

    static void requireAllowed(Verdict verdict) {
        if (verdict instanceof Verdict.Violation(String reason)) {
            throw new IllegalStateException("a change the rules forbid was applied: " + reason);
        }
    }

    /** A certificate other than the one the command names is as good as unknown. */
    private static Optional<Slice> sliceOf(Optional<Certificate> certificate, UUID certificateId, UUID sliceId) {
        return certificate.filter(found -> found.certificateId().equals(certificateId))
                .flatMap(found -> found.slice(sliceId));
    }

    /** Whether the slice may be transferred, sliced or start a claim. */
    private static Verdict usableBy(Slice slice, String requestedBy) {
        if (slice.state() == SliceState.ALLOCATED) {
            return violation("slice " + slice.sliceId() + " is allocated on the registry (allocation "
                    + slice.allocationId() + "): only a claim of the same two slices by their owner can go on with it");
        }
        return claimableBy(slice, requestedBy);
    }

    /** Whether the slice may take part in a claim: AVAILABLE, or ALLOCATED when the claim resumes it. */
    private static Verdict claimableBy(Slice slice, String requestedBy) {
        if (slice.state() == SliceState.CLAIMED) {
            return violation("slice " + slice.sliceId() + " is already claimed");
        }
        if (!slice.quantityKnown()) {
            return violation("slice " + slice.sliceId() + " was made on the registry outside Origin Relay; its "
                    + "quantity is unknown here, so it cannot be used");
        }
        if (requestedBy != null && !requestedBy.equals(slice.owner())) {
            return violation("slice " + slice.sliceId() + " is not owned by " + requestedBy);
        }
        return ALLOWED;
    }

    private static Verdict unknownSlice(UUID sliceId, UUID certificateId) {
        return violation("slice " + sliceId + " does not exist on certificate " + certificateId);
    }

    private static Verdict sliceIdInUse(UUID sliceId) {
        return violation("slice id " + sliceId + " is already in use");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String describe(Duration period) {
        return period.toString().substring(2).toLowerCase();
    }
}
