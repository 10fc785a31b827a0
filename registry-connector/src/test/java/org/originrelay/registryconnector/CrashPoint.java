package org.originrelay.registryconnector;

/**
 * Where {@link CrashingConnector} dies. Dying is {@link Runtime#halt}: like {@code kill -9}, no shutdown
 * hook, lifecycle stop or {@code finally} runs, so the step in progress never records anything and the
 * database keeps what was committed before.
 */
enum CrashPoint {

    /** The claim committed the transaction as SENDING; the send never leaves the process. */
    BEFORE_SEND,
    /** The registry took the send and answered; the answer is never recorded (still SENDING). */
    SEND_TAKEN_NOT_RECORDED,
    /** The send is recorded (SENT); the process dies as it starts the first status poll. */
    AFTER_SENT,
    /** While polling: the registry answered with its decision; the answer is never recorded (still SENT). */
    POLL_DECIDED_NOT_RECORDED,
    /** The transaction is COMMITTED and the outcome is in the outbox (one commit); it is never relayed. */
    OUTCOME_NOT_RELAYED;

    static final int EXIT_CODE = 86;

    /** Dies here and now, naming the point in the log. */
    void crash() {
        System.out.println("CRASH at " + this);
        System.out.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
