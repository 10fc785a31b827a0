package org.originrelay.contracts.domain;

/** The answer of a rule: the command may go ahead, or it violates a rule, said in words a person reads. */
public sealed interface Verdict {

    Allowed ALLOWED = new Allowed();

    record Allowed() implements Verdict {
    }

    record Violation(String reason) implements Verdict {
    }

    static Verdict violation(String reason) {
        return new Violation(reason);
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }
}
