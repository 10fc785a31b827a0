package org.originrelay.contracts.domain;

import java.util.Objects;

/** The answer of a rule: the command may go ahead, or it violates a rule, said in words a person reads. */
public sealed interface Verdict {

    Allowed ALLOWED = new Allowed();

    record Allowed() implements Verdict {
    }

    record Violation(String reason) implements Verdict {

        public Violation {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Verdict violation(String reason) {
        return new Violation(reason);
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }
}
