package org.originrelay.commandapi.deadletters.web;

import java.util.List;
import org.originrelay.commandapi.deadletters.DeadLetterOperations;
import org.originrelay.commandapi.deadletters.DeadLetterOperations.QueueSummary;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Operators inspect, replay and discard parked messages here (and through scripts/dead-letters). */
@RestController
@RequestMapping("/api/v1/dead-letters")
class DeadLetterController {

    private final DeadLetterOperations operations;

    DeadLetterController(DeadLetterOperations operations) {
        this.operations = operations;
    }

    @GetMapping
    List<QueueSummary> queues() {
        return operations.summaries();
    }

    @GetMapping("/{queue}/messages")
    List<DeadLetterView> messages(@PathVariable String queue,
            @RequestParam(defaultValue = "50") @Min(1) @Max(10_000) int limit) {
        return operations.browse(queue, limit).stream().map(DeadLetterView::of).toList();
    }

    @PostMapping("/{queue}/replay")
    Outcome replay(@PathVariable String queue, @RequestBody Selection selection) {
        return new Outcome(operations.replay(queue, selection.toFilter()), null);
    }

    @PostMapping("/{queue}/discard")
    Outcome discard(@PathVariable String queue, @RequestBody Selection selection) {
        return new Outcome(null, operations.discard(queue, selection.toFilter()));
    }

    @DeleteMapping("/{queue}/messages/{messageId}")
    Outcome discardOne(@PathVariable String queue, @PathVariable String messageId) {
        return new Outcome(null, operations.discard(queue, messageId));
    }
}
