package org.originrelay.contracts.reconciliation;

/**
 * Where reconciliation travels. The registry-connector compares a certificate's registry stream with what
 * it last announced; when they differ it publishes a {@link CertificateReconciled} on the public exchange.
 * Operators ask for a reconciliation through command-api, which forwards the request over the operators'
 * exchange and tracks the answer.
 */
public final class ReconciliationContract {

    /** Routing key of {@link CertificateReconciled} on {@code certificates.events}. */
    public static final String CERTIFICATE_RECONCILED = "certificate.reconciled";
    /** AMQP {@code type} of {@link CertificateReconciled}. */
    public static final String CERTIFICATE_RECONCILED_TYPE = "CertificateReconciled";
    /** The {@code schema-version} header of {@link CertificateReconciled}. */
    public static final int SCHEMA_VERSION = 1;
    /** Routing key of a {@link ReconciliationRequested} on {@code relay.operations} (command-api → connector). */
    public static final String RECONCILIATION_REQUESTED = "reconciliation.requested";
    /** Routing key of a {@link ReconciliationCompleted} on {@code relay.operations} (connector → command-api). */
    public static final String RECONCILIATION_COMPLETED = "reconciliation.completed";

    private ReconciliationContract() {
    }
}
