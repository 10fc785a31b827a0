package org.originrelay.messaging.deadletter;

/** What to do with one parked message during {@link DeadLetterQueues#process}. */
public sealed interface Disposition {

    /** Leave it parked, in place. */
    record Keep() implements Disposition {
    }

    /** Leave it and everything after it parked: the operation ends here (cancelled, or a limit reached). */
    record Stop() implements Disposition {
    }

    /** Take it off the queue for good (the caller recorded whatever must outlive it before answering). */
    record Remove() implements Disposition {
    }

    /**
     * Publish it (persistent, confirmed, mandatory) with its ladder passes reset and its replay count
     * raised, then take it off the queue.
     */
    record Republish(String exchange, String routingKey) implements Disposition {
    }

    Disposition KEEP = new Keep();
    Disposition STOP = new Stop();
    Disposition REMOVE = new Remove();

    static Disposition toQueue(String queue) {
        return new Republish("", queue);
    }
}
