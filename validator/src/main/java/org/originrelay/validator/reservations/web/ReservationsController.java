package org.originrelay.validator.reservations.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.originrelay.validator.reservations.HeldReservation;
import org.originrelay.validator.reservations.ReservationRelease;
import org.originrelay.validator.reservations.ReservationRelease.Outcome;
import org.originrelay.validator.reservations.persistence.ReservationStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators see what commands hold and release a hold the registry can no longer move. */
@RestController
@RequestMapping("/api/v1/reservations")
class ReservationsController {

    private final ReservationStore reservations;
    private final ReservationRelease release;
    private final Duration stuckAfter;

    ReservationsController(ReservationStore reservations, ReservationRelease release,
            @Value("${relay.validator.reservations.stuck-after:15m}") Duration stuckAfter) {
        this.reservations = reservations;
        this.release = release;
        this.stuckAfter = stuckAfter;
    }

    /** A held reservation as operators see it; {@code stuck} once it is older than the stuck-after setting. */
    record ReservationView(UUID commandId, Instant heldSince, long ageSeconds, boolean stuck, List<UUID> slices,
            List<UUID> certificateIds, List<UUID> newSliceIds) {

        static ReservationView of(HeldReservation held, Instant now, Duration stuckAfter) {
            var age = held.age(now);
            return new ReservationView(held.commandId(), held.heldSince(), age.toSeconds(), age.compareTo(stuckAfter) > 0,
                    held.slices(), held.certificateIds(), held.newSliceIds());
        }
    }

    record ReleaseRequest(String reason) {
    }

    @GetMapping
    List<ReservationView> held() {
        Instant now = Instant.now();
        return reservations.held().stream().map(held -> ReservationView.of(held, now, stuckAfter)).toList();
    }

    @PostMapping("/{commandId}/release")
    ResponseEntity<?> release(@PathVariable UUID commandId, @RequestBody(required = false) ReleaseRequest request,
            Authentication operator) {
        String reason = request == null || request.reason() == null ? "no reason given" : request.reason();
        Outcome outcome = release.release(commandId, operator.getName(), reason, false);
        return switch (outcome) {
            case Outcome.Released released -> ResponseEntity.ok(Map.of("released", true,
                    "reservation", ReservationView.of(released.reservation(), Instant.now(), stuckAfter),
                    "registryConnector", released.connector()));
            case Outcome.NotHeld notHeld -> problem(HttpStatus.NOT_FOUND, "No reservation held",
                    "command " + notHeld.commandId() + " holds nothing");
            case Outcome.Refused refused -> problem(HttpStatus.CONFLICT, "Release refused", refused.reason());
            case Outcome.NoAnswer noAnswer -> problem(HttpStatus.SERVICE_UNAVAILABLE, "registry-connector did not answer",
                    "cannot prove that nothing of command " + noAnswer.commandId()
                            + " is still on its way to the registry; try again when registry-connector runs");
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).body(problem);
    }
}
