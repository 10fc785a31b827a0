package org.originrelay.commandapi.deadletters.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.originrelay.commandapi.commands.CommandQueries;
import org.originrelay.commandapi.commands.CommandReader;
import org.originrelay.commandapi.commands.CommandView;
import org.originrelay.commandapi.commands.UnknownCommand;
import org.originrelay.commandapi.deadletters.DeadLetterCatalog;
import org.originrelay.commandapi.deadletters.DeadLetterOperations;
import org.originrelay.commandapi.deadletters.DeadLetterOperations.Action;
import org.originrelay.commandapi.deadletters.OperationRun;
import org.originrelay.commandapi.deadletters.Plan;
import org.originrelay.commandapi.deadletters.AuditEntry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Operators inspect, group, replay and discard parked messages here (the console and scripts/dead-letters use it). */
@RestController
@RequestMapping("/api/v1/dead-letters")
class DeadLetterController {

    private final DeadLetterOperations operations;
    private final DeadLetterCatalog catalog;
    private final CommandQueries commands;
    private final JsonMapper json;

    DeadLetterController(DeadLetterOperations operations, DeadLetterCatalog catalog, CommandQueries commands,
            JsonMapper json) {
        this.operations = operations;
        this.catalog = catalog;
        this.commands = commands;
        this.json = json;
    }

    @GetMapping
    List<Views.QueueView> queues() {
        Instant now = Instant.now();
        return operations.summaries().stream().map(summary -> Views.QueueView.of(summary, now)).toList();
    }

    @GetMapping("/groups")
    List<Views.GroupView> groups(@RequestParam(required = false) String queue) {
        return operations.groups(queue).stream().map(Views.GroupView::of).toList();
    }

    /** Streamed as read: a large {@code limit} holds one message in memory at a time, not all of them. */
    @GetMapping("/{queue}/messages")
    ResponseEntity<StreamingResponseBody> messages(@PathVariable String queue,
            @RequestParam(defaultValue = "50") @Min(1) @Max(10_000) int limit) {
        operations.requireReadable(queue);
        StreamingResponseBody body = out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartArray();
                operations.browse(queue, limit, letter -> json.writeValue(generator,
                        DeadLetterView.of(queue, letter, catalog::displayName)));
                generator.writeEndArray();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/{queue}/messages/{messageId}")
    DeadLetterView message(@PathVariable String queue, @PathVariable String messageId) {
        return DeadLetterView.of(queue, operations.find(queue, messageId), catalog::displayName);
    }

    @GetMapping("/correlations/{correlationId}")
    Views.CorrelationView correlation(@PathVariable String correlationId) {
        List<Views.CorrelatedLetter> letters = operations.correlated(correlationId, 100).stream()
                .map(found -> new Views.CorrelatedLetter(found.queue(), found.letter().messageId(),
                        found.letter().type(), found.letter().exceptionClass(), found.letter().reason(),
                        found.letter().parkedAt(),
                        "/api/v1/dead-letters/" + found.queue() + "/messages/" + found.letter().messageId()))
                .toList();
        CommandView command = command(correlationId);
        return new Views.CorrelationView(correlationId, letters, command,
                command == null ? null : "/api/v1/commands/" + correlationId);
    }

    @PostMapping("/{queue}/replay")
    ResponseEntity<?> replay(@PathVariable String queue, @RequestBody Selection selection, Authentication operator) {
        return operate(Action.REPLAY, queue, selection, operator);
    }

    @PostMapping("/{queue}/discard")
    ResponseEntity<?> discard(@PathVariable String queue, @RequestBody Selection selection, Authentication operator) {
        return operate(Action.DISCARD, queue, selection, operator);
    }

    /** Discards one message; a second DELETE of the same message finds nothing and answers 404. */
    @DeleteMapping("/{queue}/messages/{messageId}")
    Views.OperationView discardOne(@PathVariable String queue, @PathVariable String messageId, Authentication operator) {
        return Views.OperationView.of(operations.discardOne(queue, messageId, operator.getName()));
    }

    @GetMapping("/operations")
    List<Views.OperationView> operations() {
        return operations.operations().stream().map(Views.OperationView::of).toList();
    }

    @GetMapping("/operations/{id}")
    Views.OperationView operation(@PathVariable UUID id) {
        return Views.OperationView.of(operations.operation(id));
    }

    @PostMapping("/operations/{id}/cancel")
    Views.OperationView cancel(@PathVariable UUID id) {
        return Views.OperationView.of(operations.cancel(id));
    }

    @GetMapping("/audit")
    List<AuditEntry> audit(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) String queue, @RequestParam(required = false) String messageId) {
        return operations.audit(limit, queue, messageId);
    }

    private ResponseEntity<?> operate(Action action, String queue, Selection selection, Authentication operator) {
        if (selection.isDryRun()) {
            Plan plan = operations.plan(action, queue, selection.toFilter());
            return ResponseEntity.ok(new DryRun(true, plan));
        }
        OperationRun run = operations.run(action, queue, selection.toFilter(), operator.getName(),
                selection.ratePerSecond(), selection.inBackground());
        Views.OperationView view = Views.OperationView.of(run);
        return selection.inBackground()
                ? ResponseEntity.accepted().location(URI.create(view.self())).body(view)
                : ResponseEntity.ok(view);
    }

    /** The answer to {@code "dryRun": true}: nothing was changed. */
    record DryRun(boolean dryRun, Plan plan) {
    }

    private static final CommandReader OPERATOR_READER = new CommandReader("operator", true);

    private CommandView command(String correlationId) {
        try {
            // Dead letters are for operators only (CommandApiSecurity), and operators see every command.
            return commands.find(UUID.fromString(correlationId), OPERATOR_READER);
        } catch (IllegalArgumentException | UnknownCommand e) {
            return null;
        }
    }
}
