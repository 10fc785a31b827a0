package org.originrelay.validator.reservations;

import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.operations.RegistryCommandStatus;
import org.originrelay.validator.certificates.persistence.CertificateStore;
import org.originrelay.validator.reservations.messaging.RegistryConnectorStatus;
import org.originrelay.validator.reservations.persistence.ReservationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Frees what a command holds when the registry can no longer move anything for it. The connector is
 * asked first: a command it has not received may still be on its way (queued, or parked in its
 * dead-letter queue and replayed later), and one with transactions stored, being sent or sent may still
 * be taken or decided by the registry; both are refused. Without an answer nothing is released.
 */
@Service
public class ReservationRelease {

    private static final Logger audit = LoggerFactory.getLogger("audit.reservations");

    private final ReservationStore reservations;
    private final CertificateStore certificates;
    private final RegistryConnectorStatus connector;
    private final TransactionTemplate transactions;

    public ReservationRelease(ReservationStore reservations, CertificateStore certificates,
            RegistryConnectorStatus connector, TransactionTemplate transactions) {
        this.reservations = reservations;
        this.certificates = certificates;
        this.connector = connector;
        this.transactions = transactions;
    }

    /** What a release request came to. */
    public sealed interface Outcome {
        record Released(HeldReservation reservation, RegistryCommandStatus connector) implements Outcome {
        }

        record NotHeld(UUID commandId) implements Outcome {
        }

        record Refused(UUID commandId, String reason, RegistryCommandStatus connector) implements Outcome {
        }

        record NoAnswer(UUID commandId) implements Outcome {
        }
    }

    /**
     * An operator's release.
     *
     * @param validatedNeverDelivered the command's validated event was discarded from the connector's own
     *     dead-letter queue, so "not received by the connector" means "never will be"
     */
    public Outcome release(UUID commandId, String by, String why, boolean validatedNeverDelivered) {
        Optional<HeldReservation> held = reservations.heldBy(commandId);
        if (held.isEmpty()) {
            return new Outcome.NotHeld(commandId);
        }
        Optional<RegistryCommandStatus> answer = connector.of(commandId);
        if (answer.isEmpty()) {
            return new Outcome.NoAnswer(commandId);
        }
        RegistryCommandStatus status = answer.get();
        if (!status.known() && !validatedNeverDelivered) {
            return new Outcome.Refused(commandId, "registry-connector has not received command " + commandId
                    + ": its validated event may still be queued or parked in registry-connector.validated.dlq "
                    + "(discarding it there releases the reservation)", status);
        }
        if (status.outstandingTransactions() > 0) {
            return new Outcome.Refused(commandId, "command " + commandId + " has " + status.outstandingTransactions()
                    + " transaction(s) the registry may still take or decide" + (status.stuckTransactions() > 0
                            ? " (" + status.stuckTransactions() + " stuck: ask the registry about them)" : ""), status);
        }
        transactions.executeWithoutResult(tx -> certificates.release(commandId));
        audit.info("Released the reservation of command {} (slices {}, certificate ids {}, new slice ids {}, held since"
                        + " {}) by {}: {}; registry-connector: {}", commandId, held.get().slices(),
                held.get().certificateIds(), held.get().newSliceIds(), held.get().heldSince(), by, why, status);
        return new Outcome.Released(held.get(), status);
    }
}
