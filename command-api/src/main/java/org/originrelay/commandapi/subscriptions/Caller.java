package org.originrelay.commandapi.subscriptions;

/**
 * Who asks. An operator manages every subscription; a subscriber only the names it owns: its token's
 * subject itself, or the subject followed by {@code -} and more words ({@code invitations},
 * {@code invitations-eu}), and of those only the ones it created.
 */
public record Caller(String subject, boolean operator) {

    public boolean mayName(String name) {
        return operator || name.equals(subject) || name.startsWith(subject + "-");
    }

    public boolean mayManage(Subscription subscription) {
        return operator || (mayName(subscription.name()) && subscription.owner().equals(subject));
    }
}
