package org.originrelay.commandapi.reconciliations.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.UUID;
import org.originrelay.commandapi.reconciliations.Reconciliation;
import org.originrelay.commandapi.reconciliations.Reconciliations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators ask for a certificate to be compared with the registry, and read the answer (docs/reconciliation.md). */
@RestController
@RequestMapping(ReconciliationController.BASE_PATH)
class ReconciliationController {

    static final String BASE_PATH = "/api/v1/reconciliations";

    private final Reconciliations reconciliations;

    ReconciliationController(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @PostMapping
    @ApiResponse(responseCode = "202", description = "Requested; follow the Location until the status is no longer"
            + " REQUESTED", useReturnTypeSchema = true)
    ResponseEntity<ReconciliationView> request(@Valid @RequestBody ReconciliationRequest request, Principal operator) {
        Reconciliation requested = reconciliations.request(request.certificateId(), operator.getName());
        return ResponseEntity.accepted()
                .location(URI.create(BASE_PATH + "/" + requested.reconciliationId()))
                .body(ReconciliationView.of(requested));
    }

    @GetMapping("/{reconciliationId}")
    @ApiResponse(responseCode = "200", description = "The reconciliation and, once answered, what differed",
            useReturnTypeSchema = true)
    ReconciliationView reconciliation(@PathVariable UUID reconciliationId) {
        return ReconciliationView.of(reconciliations.find(reconciliationId));
    }
}
