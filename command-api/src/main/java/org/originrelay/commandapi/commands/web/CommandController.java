package org.originrelay.commandapi.commands.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.UUID;
import org.originrelay.commandapi.commands.ClaimRequest;
import org.originrelay.commandapi.commands.CommandIntake;
import org.originrelay.commandapi.commands.CommandRefused;
import org.originrelay.commandapi.commands.CommandLogContext;
import org.originrelay.commandapi.commands.CommandQueries;
import org.originrelay.commandapi.commands.CommandReader;
import org.originrelay.commandapi.commands.CommandRequest;
import org.originrelay.commandapi.commands.CommandView;
import org.originrelay.commandapi.commands.IssueCertificateRequest;
import org.originrelay.commandapi.commands.Receipt;
import org.originrelay.commandapi.commands.SliceCertificateRequest;
import org.originrelay.commandapi.commands.TransferSliceRequest;
import org.originrelay.contracts.domain.Verdict;
import org.originrelay.security.Roles;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands are accepted, not executed: each POST answers {@code 202 Accepted} with the command's id at
 * once, and {@code GET /api/v1/commands/{id}} tells how far it has come since.
 */
@RestController
@RequestMapping(CommandController.BASE_PATH)
class CommandController {

    static final String BASE_PATH = "/api/v1/commands";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String OPERATOR = "ROLE_" + Roles.role(Roles.OPERATOR);
    private static final String ACCEPTED = "accepted: the command id, its status URL in Location; the work follows as events";

    private final CommandIntake intake;
    private final CommandQueries queries;

    CommandController(CommandIntake intake, CommandQueries queries) {
        this.intake = intake;
        this.queries = queries;
    }

    @PostMapping("/issue-certificate")
    @ApiResponse(responseCode = "202", description = ACCEPTED, useReturnTypeSchema = true)
    ResponseEntity<Receipt> issueCertificate(@Valid @RequestBody IssueCertificateRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Authentication requester) {
        IssuerGridAreas.check(requester, request.gridArea());
        return accept(request, requester, idempotencyKey);
    }

    @PostMapping("/transfer-slice")
    @ApiResponse(responseCode = "202", description = ACCEPTED, useReturnTypeSchema = true)
    ResponseEntity<Receipt> transferSlice(@Valid @RequestBody TransferSliceRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Principal requester) {
        return accept(request, requester, idempotencyKey);
    }

    @PostMapping("/slice-certificate")
    @ApiResponse(responseCode = "202", description = ACCEPTED, useReturnTypeSchema = true)
    ResponseEntity<Receipt> sliceCertificate(@Valid @RequestBody SliceCertificateRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Principal requester) {
        return accept(request, requester, idempotencyKey);
    }

    @PostMapping("/claim")
    @ApiResponse(responseCode = "202", description = ACCEPTED, useReturnTypeSchema = true)
    ResponseEntity<Receipt> claim(@Valid @RequestBody ClaimRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Principal requester) {
        return accept(request, requester, idempotencyKey);
    }

    /** Its requester's and operators' to read; anyone else is told it does not exist. */
    @GetMapping("/{commandId}")
    CommandView command(@PathVariable UUID commandId, Authentication reader) {
        boolean operator = reader.getAuthorities().stream().anyMatch(granted -> OPERATOR.equals(granted.getAuthority()));
        CommandLogContext.put(commandId);
        try {
            return queries.find(commandId, new CommandReader(reader.getName(), operator));
        } finally {
            CommandLogContext.clear();
        }
    }

    /** The intake puts the command id into the logging context as soon as it is known; cleared here. */
    private ResponseEntity<Receipt> accept(CommandRequest request, Principal requester, String idempotencyKey) {
        if (request.checkWithoutState(requester.getName()) instanceof Verdict.Violation(String reason)) {
            throw new CommandRefused(reason);
        }
        try {
            Receipt receipt = idempotencyKey == null
                    ? intake.accept(request, requester.getName())
                    : intake.accept(request, requester.getName(), IdempotencyKeys.checked(idempotencyKey));
            return ResponseEntity.accepted()
                    .location(URI.create(BASE_PATH + "/" + receipt.commandId()))
                    .body(receipt);
        } finally {
            CommandLogContext.clear();
        }
    }
}
