package org.originrelay.contracts.reconciliation;

import org.originrelay.contracts.events.ContractViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of {@link CertificateReconciled}, read the way {@code EventJson} reads the certificate
 * events: ISO-8601 instants, enum names, unknown fields ignored within a schema version.
 */
public final class CertificateReconciledJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CertificateReconciledJson() {
    }

    public static byte[] write(CertificateReconciled reconciled) {
        return MAPPER.writeValueAsBytes(reconciled);
    }

    /** @throws ContractViolation when the type or version is not this contract's, or the body is invalid */
    public static CertificateReconciled read(String type, Integer schemaVersion, byte[] body) {
        if (!ReconciliationContract.CERTIFICATE_RECONCILED_TYPE.equals(type)) {
            throw new ContractViolation("expected a " + ReconciliationContract.CERTIFICATE_RECONCILED_TYPE
                    + ", got type '" + type + "'");
        }
        if (schemaVersion == null || schemaVersion != ReconciliationContract.SCHEMA_VERSION) {
            throw new ContractViolation("unsupported schema-version " + schemaVersion + " for " + type
                    + " (supported: " + ReconciliationContract.SCHEMA_VERSION + ")");
        }
        try {
            return MAPPER.readValue(body, CertificateReconciled.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new ContractViolation("body is not a valid " + type + ": " + e.getMessage(), e);
        }
    }
}
