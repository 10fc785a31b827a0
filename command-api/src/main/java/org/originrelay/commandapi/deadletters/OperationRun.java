package org.originrelay.commandapi.deadletters;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** One replay or discard as it runs: what it planned, how far it got, and how it ended. */
public final class OperationRun {

    public enum Status { RUNNING, COMPLETED, CANCELLED, FAILED }

    private final UUID id = UUID.randomUUID();
    private final String action;
    private final String queue;
    private final String operator;
    private final int planned;
    private final Integer ratePerSecond;
    private final Instant startedAt = Instant.now();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Status status = Status.RUNNING;
    private volatile String detail;
    private volatile Instant finishedAt;
    private volatile boolean cancelRequested;

    OperationRun(String action, String queue, String operator, int planned, Integer ratePerSecond) {
        this.action = action;
        this.queue = queue;
        this.operator = operator;
        this.planned = planned;
        this.ratePerSecond = ratePerSecond;
    }

    public UUID id() {
        return id;
    }

    public String action() {
        return action;
    }

    public String queue() {
        return queue;
    }

    public String operator() {
        return operator;
    }

    public int planned() {
        return planned;
    }

    public int done() {
        return done.get();
    }

    public Integer ratePerSecond() {
        return ratePerSecond;
    }

    public Status status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    void moved() {
        done.incrementAndGet();
    }

    void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void finish(Status outcome, String why) {
        detail = why;
        finishedAt = Instant.now();
        status = outcome;
    }
}
