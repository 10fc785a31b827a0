package org.originrelay.commandapi.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.originrelay.messaging.deadletter.DeadLetter;

/**
 * Parked messages of one queue that failed the same way: same exception class, same reason once ids and
 * numbers are taken out. Built while reading the queue, keeping only counts and a few ids.
 */
public final class FailureGroup {

    static final int SAMPLE_IDS = 20;

    private final String queue;
    private final String exceptionClass;
    private final String reason;
    private final Set<String> types = new TreeSet<>();
    private final Set<String> services = new TreeSet<>();
    private final List<String> sampleMessageIds = new ArrayList<>();
    private String exampleReason;
    private int count;
    private Instant firstFailureAt;
    private Instant lastFailureAt;

    FailureGroup(String queue, String exceptionClass, String reason) {
        this.queue = queue;
        this.exceptionClass = exceptionClass;
        this.reason = reason;
    }

    void add(DeadLetter letter) {
        count++;
        if (letter.type() != null) {
            types.add(letter.type());
        }
        if (letter.failedService() != null) {
            services.add(letter.failedService());
        }
        if (sampleMessageIds.size() < SAMPLE_IDS && letter.messageId() != null) {
            sampleMessageIds.add(letter.messageId());
        }
        if (exampleReason == null) {
            exampleReason = letter.reason();
        }
        Instant first = letter.firstFailureAt() != null ? letter.firstFailureAt() : letter.parkedAt();
        Instant last = letter.lastFailureAt() != null ? letter.lastFailureAt() : letter.parkedAt();
        if (first != null && (firstFailureAt == null || first.isBefore(firstFailureAt))) {
            firstFailureAt = first;
        }
        if (last != null && (lastFailureAt == null || last.isAfter(lastFailureAt))) {
            lastFailureAt = last;
        }
    }

    public String queue() {
        return queue;
    }

    public String exceptionClass() {
        return exceptionClass;
    }

    public String reason() {
        return reason;
    }

    public String exampleReason() {
        return exampleReason;
    }

    public int count() {
        return count;
    }

    public Instant firstFailureAt() {
        return firstFailureAt;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    public Set<String> types() {
        return Set.copyOf(types);
    }

    public Set<String> services() {
        return Set.copyOf(services);
    }

    public List<String> sampleMessageIds() {
        return List.copyOf(sampleMessageIds);
    }
}
