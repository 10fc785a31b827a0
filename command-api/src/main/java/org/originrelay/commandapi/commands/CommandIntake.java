package org.originrelay.commandapi.commands;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.commandapi.commands.persistence.IdempotencyRecords;
import org.originrelay.commandapi.commands.persistence.TrackedCommands;
import org.originrelay.messaging.events.CertificateEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts commands: stores each one, with its first status and, when the client sent one, its
 * idempotency key, and publishes its {@code …requested} event, all in one transaction. Once the command
 * id is known it is in the logging context ({@link CommandLogContext}); the web layer clears it.
 */
@Service
public class CommandIntake {

    private static final Logger log = LoggerFactory.getLogger(CommandIntake.class);

    private final TrackedCommands commands;
    private final IdempotencyRecords idempotencyRecords;
    private final CertificateEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    CommandIntake(TrackedCommands commands, IdempotencyRecords idempotencyRecords,
            CertificateEventPublisher publisher, PlatformTransactionManager transactionManager, JsonMapper json) {
        this.commands = commands;
        this.idempotencyRecords = idempotencyRecords;
        this.publisher = publisher;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
    }

    /** Accepts a command of {@code requestedBy} (the token's subject), carried in its events. */
    public Receipt accept(CommandRequest request, String requestedBy) {
        return transactions.execute(status -> store(request, requestedBy, Optional.empty()));
    }

    /**
     * Accepts a command at most once per key and requester: a repeat of the first request under
     * {@code idempotencyKey} gets the first receipt again and publishes nothing. Keys are scoped to the
     * requester, so two clients choosing the same key never see each other's answers.
     *
     * @throws IdempotencyKeyReused when the key was first used for a different request
     * @throws IdempotencyKeyInUse when a concurrent request with the key holds it but left no answer
     */
    public Receipt accept(CommandRequest request, String requestedBy, String clientKey) {
        String idempotencyKey = requestedBy.length() + ":" + requestedBy + ":" + clientKey;
        String requestHash = RequestFingerprint.of(request);
        return earlierAnswer(idempotencyKey, requestHash).orElseGet(() -> {
            try {
                return transactions.execute(status ->
                        store(request, requestedBy, Optional.of(new IdempotencyClaim(idempotencyKey, requestHash))));
            } catch (DataIntegrityViolationException concurrentRequestWon) {
                // The unique key made this request wait for the one that stored it first; answer as it did.
                return earlierAnswer(idempotencyKey, requestHash)
                        .orElseThrow(() -> new IdempotencyKeyInUse(idempotencyKey, concurrentRequestWon));
            }
        });
    }

    /** One query, so no transaction of its own: the record and its command are stored together or not at all. */
    private Optional<Receipt> earlierAnswer(String idempotencyKey, String requestHash) {
        return idempotencyRecords.find(idempotencyKey).map(answer -> {
            if (!answer.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReused(idempotencyKey);
            }
            CommandLogContext.put(answer.commandId());
            log.info("Answered a repeat of {} command {} with its first receipt", answer.commandName(),
                    answer.commandId());
            return json.readValue(answer.responseBody(), Receipt.typeFor(answer.commandName()));
        });
    }

    private Receipt store(CommandRequest request, String requestedBy, Optional<IdempotencyClaim> claim) {
        Instant now = Instant.now();
        UUID commandId = UUID.randomUUID();
        CommandLogContext.put(commandId);
        Acceptance acceptance = request.accept(commandId, requestedBy, UUID::randomUUID);
        commands.insertRequested(commandId, request.name(), requestedBy, now);
        claim.ifPresent(claimed -> idempotencyRecords.insert(claimed.key(), claimed.requestHash(), commandId,
                json.writeValueAsString(acceptance.receipt()), now));
        publisher.publish(acceptance.event());
        log.info("Accepted {} command {} of {}", request.name(), commandId, requestedBy);
        return acceptance.receipt();
    }

    private record IdempotencyClaim(String key, String requestHash) {
    }
}
