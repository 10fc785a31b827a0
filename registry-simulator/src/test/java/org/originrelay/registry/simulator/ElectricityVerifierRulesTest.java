package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.QuantityCommitments;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.electricity.Attribute;
import org.originrelay.registry.protocol.v1.electricity.DateInterval;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.KeyType;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

/**
 * The rules Project Origin's electricity verifier applies beyond proofs and ownership (periods, expiry,
 * withdrawal, unclaim, trial attribute, time constraint, grid area, key validity), each answered with the
 * verifier's own message (verifier_electricity {@code Verifiers/*.cs}).
 */
class ElectricityVerifierRulesTest {

    private static final String REGISTRY = "test-registry";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T01:00:00Z");

    private final OwnerKeys keys = OwnerKeys.fromSecret("verifier-rules-secret");
    // These rules do not depend on the commitment scheme (CommitRulesTest covers the proofs with Pedersen),
    // so the fast hash scheme keeps this test cheap.
    private final QuantityCommitments commitments = CommitmentScheme.HASH.commitments("verifier-rules-secret");
    private final TransactionFactory factory = new TransactionFactory(REGISTRY, keys, commitments);
    private final AtomicBoolean dk1Known = new AtomicBoolean(true);
    private final UUID production = UUID.randomUUID();
    private final UUID productionSlice = UUID.randomUUID();
    private final UUID consumption = UUID.randomUUID();
    private final UUID consumptionSlice = UUID.randomUUID();
    private Streams streams = new Streams(REGISTRY);
    private CommitRules rules = rules(Expiry.never(Clock.systemUTC()), TimeConstraint.ENCLOSING);

    @Test
    void anIssuancePeriodLastsFromOneMinuteToOneHour() {
        assertRejected(issuedWithPeriod(START, START.plus(Duration.ofHours(1)).plusSeconds(1)),
                "Invalid period, maximum period is 1 hour");
        assertRejected(issuedWithPeriod(START, START.plusSeconds(59)), "Invalid period, minimum period is 1 minute");
        assertRejected(issuedWithPeriod(END, START), "Invalid period, minimum period is 1 minute");

        assertThatCode(() -> rules.commit(issuedWithPeriod(START, START.plus(Duration.ofMinutes(1)))))
                .doesNotThrowAnyException();
    }

    @Test
    void anIssuanceNeedsAValidOwnerKeyAndTheIssuersSignature() {
        Transaction issue = issueProduction(1000);
        IssuedEvent event = payload(issue);

        assertRejected(reissued(event.toBuilder().setOwnerPublicKey(PublicKey.newBuilder()
                        .setType(KeyType.ED25519).setContent(ByteString.copyFrom(new byte[32]))).build()),
                "Invalid owner key, not a valid publicKey");
        assertRejected(reissued(event.toBuilder().setOwnerPublicKey(event.getOwnerPublicKey().toBuilder()
                        .setType(KeyType.Secp256k1)).build()),
                "Invalid owner key, not a valid publicKey (Secp256k1 keys are not supported by this simulator)");
        assertRejected(resigned(issue, event, header -> keys.signAsOwner("alice", header)),
                "Invalid issuer signature for GridArea \u201dDK1\u201d");
    }

    @Test
    void aNewOwnerMustBeAValidPublicKey() throws InvalidProtocolBufferException {
        rules.commit(issueProduction(1000));
        Transaction transfer = factory.transfer(production, productionSlice, 1000, "alice", "bob");
        TransferredEvent event = TransferredEvent.parseFrom(transfer.getPayload());
        PublicKey raw = PublicKey.newBuilder().setType(KeyType.ED25519)
                .setContent(ByteString.copyFrom(new byte[32])).build();

        assertRejected(resigned(transfer, event.toBuilder().setNewOwner(raw).build(),
                header -> keys.signAsOwner("alice", header)), "Invalid NewOwner key, not a valid publicKey");
    }

    @Test
    void aWithdrawnCertificateTakesNoFurtherOperation() {
        rules.commit(issueProduction(1000));

        assertRejected(resigned(factory.withdraw(production, "DK1"), null, header -> keys.signAsOwner("alice", header)),
                "Invalid issuer signature for GridArea \u201dDK1\u201d");
        rules.commit(factory.withdraw(production, "DK1"));

        assertRejected(factory.withdraw(production, "DK1"), "Certificate is already withdrawn");
        assertRejected(factory.transfer(production, productionSlice, 1000, "alice", "bob"), "Certificate is withdrawn");
        assertRejected(factory.withdraw(UUID.randomUUID(), "DK1"), "Certificate does not exist");
        assertThat(streams.committed(production.toString())).hasSize(2);
    }

    @Test
    void aClaimIsUndoneOnlyOnceTheOppositeCertificateIsWithdrawn() {
        issueBoth(START, END);
        UUID allocation = UUID.randomUUID();
        factory.claimTransactions(allocation, productionSlice(), consumptionSlice(), "alice").forEach(rules::commit);

        assertRejected(factory.unclaim(production, allocation, "alice"), "Opposite certificate is NOT withdrawn");
        rules.commit(factory.withdraw(consumption, "DK1"));
        assertRejected(factory.unclaim(production, allocation, "mallory"), "Invalid signature for claim");
        assertRejected(factory.unclaim(production, UUID.randomUUID(), "alice"), "Certificate claim does not exist");
        assertRejected(factory.unclaim(consumption, allocation, "alice"), "Certificate is withdrawn");

        rules.commit(factory.unclaim(production, allocation, "alice"));

        // The production slice is available again under its hash, and the claim is gone.
        assertRejected(factory.unclaim(production, allocation, "alice"), "Certificate claim does not exist");
        assertThatCode(() -> rules.commit(factory.transfer(production, productionSlice, 1000, "alice", "bob")))
                .doesNotThrowAnyException();
    }

    @Test
    void aClaimNeedsItsCounterpartNotWithdrawn() {
        issueBoth(START, END);
        UUID allocation = UUID.randomUUID();
        List<Transaction> claim = factory.claimTransactions(allocation, productionSlice(), consumptionSlice(), "alice");
        rules.commit(claim.get(0));
        rules.commit(claim.get(1));
        rules.commit(factory.withdraw(consumption, "DK1"));

        assertRejected(claim.get(2), "ConsumptionCertificate is withdrawn");
    }

    @Test
    void anExpiredCertificateCannotBeTransferredSlicedAllocatedOrClaimed() {
        Instant expiry = END.plus(Duration.ofDays(30));
        rules = rules(new Expiry(Optional.of(Duration.ofDays(30)), Clock.fixed(expiry.plusSeconds(1), ZoneOffset.UTC)),
                TimeConstraint.ENCLOSING);
        rules.commit(issueProduction(1000));

        assertRejected(factory.transfer(production, productionSlice, 1000, "alice", "bob"), "Certificate has expired");

        streams = new Streams(REGISTRY);
        rules = rules(new Expiry(Optional.of(Duration.ofDays(30)), Clock.fixed(expiry, ZoneOffset.UTC)),
                TimeConstraint.ENCLOSING);
        rules.commit(issueProduction(1000));
        assertThatCode(() -> rules.commit(factory.transfer(production, productionSlice, 1000, "alice", "bob")))
                .doesNotThrowAnyException();
    }

    @Test
    void allocatedPeriodsMustLieOneWithinTheOtherUnlessTheConstraintIsDisabled() {
        Transaction nextHour = factory.issue(consumption, consumptionSlice, GranularCertificateType.CONSUMPTION, END,
                END.plus(Duration.ofHours(1)), "DK1", 1000, "alice");
        rules.commit(issueProduction(1000));
        rules.commit(nextHour);

        Transaction allocation = factory.allocate(UUID.randomUUID(), production, productionSlice(), consumptionSlice(),
                "alice");
        assertRejected(allocation, "Periods are not overlapping");

        streams = new Streams(REGISTRY);
        rules = rules(Expiry.never(Clock.systemUTC()), TimeConstraint.DISABLED);
        rules.commit(issueProduction(1000));
        rules.commit(nextHour);
        assertThatCode(() -> rules.commit(allocation)).doesNotThrowAnyException();
    }

    @Test
    void periodsEncloseWhenOneLiesWithinTheOtherEndsIncluded() {
        assertThat(AllocatedRule.enclosingOrEnclosed(period(START, END), period(START, END))).isTrue();
        assertThat(AllocatedRule.enclosingOrEnclosed(period(START.plusSeconds(60), END), period(START, END))).isTrue();
        assertThat(AllocatedRule.enclosingOrEnclosed(period(START, END), period(START.plusSeconds(60), END))).isTrue();
        assertThat(AllocatedRule.enclosingOrEnclosed(period(START.plusSeconds(60), END.plusSeconds(60)),
                period(START, END))).isFalse();
    }

    @Test
    void trialCertificatesAreAllocatedOnlyToTrialCertificates() {
        IssuedEvent trial = payload(issueProduction(1000)).toBuilder()
                .addAttributes(Attribute.newBuilder().setKey("isTrial").setValue("true"))
                .build();
        rules.commit(reissued(trial));
        rules.commit(factory.issue(consumption, consumptionSlice, GranularCertificateType.CONSUMPTION, START, END, "DK1",
                1000, "alice"));

        assertRejected(factory.allocate(UUID.randomUUID(), production, productionSlice(), consumptionSlice(), "alice"),
                "Certificate { \"value\": \"" + production + "\" } and { \"value\": \"" + consumption
                        + "\" } are not of the same trial type");
        assertThat(AllocatedRule.sameTrialType(Optional.empty(), Optional.of("false"))).isTrue();
        assertThat(AllocatedRule.sameTrialType(Optional.of("false"), Optional.empty())).isTrue();
        assertThat(AllocatedRule.sameTrialType(Optional.of("true"), Optional.of("true"))).isTrue();
        assertThat(AllocatedRule.sameTrialType(Optional.of("true"), Optional.empty())).isFalse();
    }

    @Test
    void aProductionSliceIsAllocatedOnlyToAConsumptionCertificateInAKnownArea() {
        issueBoth(START, END);
        UUID secondProduction = UUID.randomUUID();
        UUID secondSlice = UUID.randomUUID();
        rules.commit(factory.issue(secondProduction, secondSlice, GranularCertificateType.PRODUCTION, START, END, "DK1",
                1000, "alice"));

        assertRejected(factory.allocate(UUID.randomUUID(), production, productionSlice(),
                        new CertificateSlice(secondProduction, secondSlice, 1000), "alice"),
                "ConsumptionCertificate is not a consumption certificate");
        assertRejected(factory.allocate(UUID.randomUUID(), production, productionSlice(),
                        new CertificateSlice(UUID.randomUUID(), consumptionSlice, 1000), "alice"),
                "ConsumptionCertificate does not exist");
        assertRejected(factory.allocate(UUID.randomUUID(), production, productionSlice(),
                        new CertificateSlice(consumption, UUID.randomUUID(), 1000), "alice"),
                "Consumption slice does not exist");
        dk1Known.set(false);
        assertRejected(factory.allocate(UUID.randomUUID(), production, productionSlice(), consumptionSlice(), "alice"),
                "Area does not exist");
    }

    private CommitRules rules(Expiry expiry, TimeConstraint timeConstraint) {
        return new CommitRules(streams,
                gridArea -> gridArea.equals("DK1") && dk1Known.get()
                        ? Optional.of(keys.issuerPublicKey(gridArea).getContent().toByteArray())
                        : Optional.empty(),
                CommitmentScheme.HASH.verifier(), expiry, timeConstraint);
    }

    private void issueBoth(Instant consumptionStart, Instant consumptionEnd) {
        rules.commit(issueProduction(1000));
        rules.commit(factory.issue(consumption, consumptionSlice, GranularCertificateType.CONSUMPTION, consumptionStart,
                consumptionEnd, "DK1", 1000, "alice"));
    }

    private Transaction issueProduction(long quantity) {
        return factory.issue(production, productionSlice, GranularCertificateType.PRODUCTION, START, END, "DK1",
                quantity, "alice");
    }

    /** An issuance the factory would refuse to build: its period is set afterwards, and signed again. */
    private Transaction issuedWithPeriod(Instant start, Instant end) {
        return reissued(payload(issueProduction(1000)).toBuilder().setPeriod(period(start, end)).build());
    }

    private Transaction reissued(IssuedEvent event) {
        return resigned(issueProduction(1000), event, header -> keys.signAsIssuer("DK1", header));
    }

    private CertificateSlice productionSlice() {
        return new CertificateSlice(production, productionSlice, 1000);
    }

    private CertificateSlice consumptionSlice() {
        return new CertificateSlice(consumption, consumptionSlice, 1000);
    }

    private static DateInterval period(Instant start, Instant end) {
        return DateInterval.newBuilder().setStart(timestamp(start)).setEnd(timestamp(end)).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static IssuedEvent payload(Transaction transaction) {
        try {
            return IssuedEvent.parseFrom(transaction.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The transaction with another payload (or its own when null), its header's hash updated and signed again. */
    private static Transaction resigned(Transaction original, Message payload, UnaryOperator<byte[]> signer) {
        ByteString bytes = payload == null ? original.getPayload() : payload.toByteString();
        TransactionHeader header = original.getHeader().toBuilder()
                .setPayloadSha512(ByteString.copyFrom(Digests.sha512(bytes.toByteArray())))
                .build();
        return original.toBuilder()
                .setHeader(header)
                .setHeaderSignature(ByteString.copyFrom(signer.apply(header.toByteArray())))
                .setPayload(bytes)
                .build();
    }

    private void assertRejected(Transaction transaction, String message) {
        assertThatThrownBy(() -> rules.commit(transaction)).isInstanceOf(Rejection.class).hasMessage(message);
    }
}
