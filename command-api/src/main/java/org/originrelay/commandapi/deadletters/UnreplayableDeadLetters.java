package org.originrelay.commandapi.deadletters;

/** A replay would send messages somewhere the kit does not manage; nothing was moved. */
public class UnreplayableDeadLetters extends RuntimeException {

    private final Plan plan;

    public UnreplayableDeadLetters(Plan plan) {
        super(plan.unreplayableCount() + " selected message(s) cannot be replayed, so nothing was moved: "
                + plan.unreplayable().getFirst().why());
        this.plan = plan;
    }

    public Plan plan() {
        return plan;
    }
}
