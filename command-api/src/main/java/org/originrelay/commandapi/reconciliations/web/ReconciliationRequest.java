package org.originrelay.commandapi.reconciliations.web;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** {@code POST /api/v1/reconciliations}: the certificate to compare with the registry. */
public record ReconciliationRequest(@NotNull UUID certificateId) {
}
