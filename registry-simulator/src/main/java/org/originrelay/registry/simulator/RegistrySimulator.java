package org.originrelay.registry.simulator;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory stand-in for a Project Origin registry, serving its gRPC {@code RegistryService} for
 * development and tests. Transactions are PENDING for the commit delay, then verified and COMMITTED or
 * FAILED in receipt order per stream. Like the real registry it is not idempotent: resending a committed
 * transaction turns its status to FAILED.
 *
 * <pre>{@code
 * try (RegistrySimulator registry = RegistrySimulator.builder()
 *         .registryName("test-registry")
 *         .issuerKeys(RegistrySimulator.issuerKeysFrom(keys))
 *         .build()
 *         .start()) {
 *     ManagedChannel channel = ManagedChannelBuilder.forTarget(registry.target()).usePlaintext().build();
 *     ...
 * }
 * }</pre>
 */
public final class RegistrySimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySimulator.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final String registryName;
    private final Duration commitDelay;
    private final TransactionLedger ledger;
    private final AvailabilitySwitch availability = new AvailabilitySwitch();
    private final Server server;

    private RegistrySimulator(Builder builder) {
        this.registryName = builder.registryName;
        this.commitDelay = builder.commitDelay;
        Streams streams = new Streams(registryName);
        Expiry expiry = new Expiry(builder.daysBeforeCertificatesExpire.map(Duration::ofDays), builder.clock);
        this.ledger = new TransactionLedger(commitDelay, streams,
                new CommitRules(streams, builder.issuerKeys, builder.commitmentScheme.verifier(), expiry,
                        builder.timeConstraint),
                builder.blockInterval, builder.clock);
        this.server = Grpc.newServerBuilderForPort(builder.port, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(new RegistryServiceHandler(ledger), availability, new CallTraces()))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Issuer public keys derived from a master secret, as {@link OwnerKeys} derives them: what the services
     * use when they sign issuances for local runs.
     */
    public static Function<String, Optional<byte[]>> issuerKeysFrom(OwnerKeys keys) {
        return gridArea -> Optional.of(keys.issuerPublicKey(gridArea).getContent().toByteArray());
    }

    /** Starts listening on all interfaces; returns this for chaining. */
    public RegistrySimulator start() throws IOException {
        server.start();
        LOG.info("registry simulator '{}' listening on port {} (commit delay {})", registryName, port(), commitDelay);
        return this;
    }

    /** The bound port, which is the ephemeral one chosen when configured with port 0. */
    public int port() {
        return server.getPort();
    }

    /** A gRPC target for clients on this machine, e.g. {@code localhost:43121}. */
    public String target() {
        return "localhost:" + port();
    }

    public String registryName() {
        return registryName;
    }

    /** How often a transaction with this id was received, resends included. */
    public long receiveCount(String transactionId) {
        return ledger.receiveCount(transactionId);
    }

    /** Transactions received in all, resends included. */
    public long totalReceived() {
        return ledger.totalReceived();
    }

    /** Receipts in all, distinct transactions, and how many were received more than once. */
    TransactionLedger.ReceiptSummary receiptSummary() {
        return ledger.receiptSummary();
    }

    /** The status GetTransactionStatus would report for this id. */
    public TransactionStatus statusOf(String transactionId) {
        return ledger.status(transactionId);
    }

    /** While true, every call is answered with UNAVAILABLE and nothing is received. */
    public void setUnavailable(boolean unavailable) {
        availability.setUnavailable(unavailable);
    }

    /**
     * Test API: receives a transaction as if a client had sent it, e.g. one with a forged range proof or
     * signature that a test built by hand, or one made elsewhere (another wallet transferring a slice with
     * its owner's key); it is verified like any other, and once committed its stream serves it as received.
     * Returns its transaction id.
     */
    public String inject(Transaction transaction) {
        ledger.receive(List.of(Objects.requireNonNull(transaction, "transaction")));
        return TransactionIds.of(transaction);
    }

    /** Test API: every transaction received so far, resends and injected ones included, in receipt order. */
    public List<Transaction> received() {
        return ledger.received();
    }

    /**
     * Test API: transactions of this payload type (e.g. {@code project_origin.electricity.v1.ClaimedEvent})
     * committed from now on FAIL with this message, until {@link #clearForcedFailures()}.
     */
    public void failPayloadType(String payloadType, String message) {
        Objects.requireNonNull(payloadType, "payloadType");
        forceFailure(transaction -> transaction.getHeader().getPayloadType().equals(payloadType), message);
    }

    /** Transactions that match, and are committed from now on, FAIL with this message instead. */
    public void forceFailure(Predicate<Transaction> matcher, String message) {
        ledger.forceFailure(Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(message, "message"));
    }

    public void clearForcedFailures() {
        ledger.clearForcedFailures();
    }

    /** Blocks until the simulator is closed, e.g. by the shutdown hook of {@link #main}. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops serving and drops transactions still pending. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            ledger.close();
        }
    }

    /**
     * Runs the simulator until the process is stopped. Settings come from REGISTRY_SIMULATOR_PORT,
     * REGISTRY_SIMULATOR_COMMIT_DELAY, REGISTRY_NAME, REGISTRY_ISSUER_SECRET and
     * REGISTRY_SIMULATOR_COMMITMENTS, or the same as {@code --port=}, {@code --commit-delay=},
     * {@code --registry-name=}, {@code --issuer-secret=}, {@code --commitments=} arguments.
     * REGISTRY_SIMULATOR_RECEIPTS_PORT, when set, serves the receipt counts over HTTP on the loopback
     * interface (see {@link ReceiptsEndpoint}).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        SimulatorLogging.initialize();
        SimulatorSettings settings = SimulatorSettings.from(System.getenv(), args);
        if (settings.usesDevelopmentSecret()) {
            LOG.warn("using the development issuer secret; set REGISTRY_ISSUER_SECRET outside local runs");
        }
        RegistrySimulator simulator = builder()
                .port(settings.port())
                .registryName(settings.registryName())
                .commitDelay(settings.commitDelay())
                .issuerKeys(issuerKeysFrom(OwnerKeys.fromSecret(settings.issuerSecret())))
                .commitmentScheme(settings.commitmentScheme())
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(simulator::close));
        String receiptsPort = System.getenv("REGISTRY_SIMULATOR_RECEIPTS_PORT");
        if (receiptsPort != null && !receiptsPort.isBlank()) {
            ReceiptsEndpoint.start(Integer.parseInt(receiptsPort.trim()), simulator::receiptSummary);
            LOG.info("receipt counts on http://127.0.0.1:{}/receipts", receiptsPort.trim());
        }
        simulator.awaitTermination();
    }

    /** Configures a simulator; only the issuer keys have no default. */
    public static final class Builder {

        private int port;
        private String registryName = SimulatorSettings.DEFAULT_REGISTRY_NAME;
        private Duration commitDelay = Duration.ZERO;
        private Function<String, Optional<byte[]>> issuerKeys;
        private CommitmentScheme commitmentScheme = CommitmentScheme.PEDERSEN;
        private Optional<Integer> daysBeforeCertificatesExpire = Optional.empty();
        private TimeConstraint timeConstraint = TimeConstraint.ENCLOSING;
        private Duration blockInterval = TransactionLedger.DEFAULT_BLOCK_INTERVAL;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Certificates expire this many days after their period ends: no transfer, slice, allocation or
         * claim after that ("Certificate has expired"), as the verifier's {@code DaysBeforeCertificatesExpire}.
         * Default: never, as the verifier without that setting.
         */
        public Builder daysBeforeCertificatesExpire(int days) {
            if (days < 0) {
                throw new IllegalArgumentException("days before certificates expire must not be negative");
            }
            this.daysBeforeCertificatesExpire = Optional.of(days);
            return this;
        }

        /** Whether allocated periods must enclose one another; default {@link TimeConstraint#ENCLOSING}, as the verifier. */
        public Builder timeConstraint(TimeConstraint timeConstraint) {
            this.timeConstraint = Objects.requireNonNull(timeConstraint, "timeConstraint");
            return this;
        }

        /** How often newly committed transactions are cut into a block (GetBlocks); default one second. */
        public Builder blockInterval(Duration blockInterval) {
            if (blockInterval == null || blockInterval.isNegative() || blockInterval.isZero()) {
                throw new IllegalArgumentException("block interval must be positive");
            }
            this.blockInterval = blockInterval;
            return this;
        }

        /** The time expiry is judged by and blocks are stamped with; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** 0 (the default) picks a free port; read it with {@link RegistrySimulator#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The registry name that transaction headers must name; default "origin-relay-local". */
        public Builder registryName(String registryName) {
            if (registryName == null || registryName.isBlank()) {
                throw new IllegalArgumentException("registry name must not be blank");
            }
            this.registryName = registryName;
            return this;
        }

        /** How long a new transaction stays PENDING before it is verified; default zero. */
        public Builder commitDelay(Duration commitDelay) {
            if (commitDelay == null || commitDelay.isNegative()) {
                throw new IllegalArgumentException("commit delay must not be negative");
            }
            this.commitDelay = commitDelay;
            return this;
        }

        /**
         * The Ed25519 issuer key of a grid area as X.509 SubjectPublicKeyInfo DER (as keys travel), or
         * empty for an unknown grid area.
         */
        public Builder issuerKeys(Function<String, Optional<byte[]>> issuerKeys) {
            this.issuerKeys = Objects.requireNonNull(issuerKeys, "issuerKeys");
            return this;
        }

        /**
         * How quantity commitments and their proofs are verified; default {@link CommitmentScheme#PEDERSEN},
         * as the real registry. {@link CommitmentScheme#HASH} only for tests that want speed.
         */
        public Builder commitmentScheme(CommitmentScheme commitmentScheme) {
            this.commitmentScheme = Objects.requireNonNull(commitmentScheme, "commitmentScheme");
            return this;
        }

        public RegistrySimulator build() {
            if (issuerKeys == null) {
                throw new IllegalStateException("issuer keys are required: see RegistrySimulator.issuerKeysFrom");
            }
            return new RegistrySimulator(this);
        }
    }
}
