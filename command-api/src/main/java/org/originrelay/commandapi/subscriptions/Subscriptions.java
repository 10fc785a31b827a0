package org.originrelay.commandapi.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.originrelay.commandapi.subscriptions.SubscriptionBroker.Status;
import org.springframework.stereotype.Service;

/**
 * Creates, changes and deletes subscriptions: the row in the database and the queues and bindings on the
 * broker. Every operation can be repeated: a repeated create or change re-declares the topology, so a
 * request that failed half-way (broker down after the row was written) is completed by sending it again.
 */
@Service
public class Subscriptions {

    /** The result of a create: whether this call made it (201) or found the same one (200). */
    public record Created(Subscription subscription, boolean created) {
    }

    private final SubscriptionStore store;
    private final SubscriptionBroker broker;
    private final SubscriptionNames names;

    Subscriptions(SubscriptionStore store, SubscriptionBroker broker, SubscriptionNames names) {
        this.store = store;
        this.broker = broker;
        this.names = names;
    }

    public Created create(SubscriptionSpec spec, Caller caller) {
        if (!caller.mayName(spec.name())) {
            throw new NotYourSubscription("a subscriber may only create subscriptions named '" + caller.subject()
                    + "' or '" + caller.subject() + "-…'");
        }
        boolean created = store.insert(spec, caller.subject(), Instant.now());
        Subscription stored = store.find(spec.name()).orElseThrow(() -> new UnknownSubscription(spec.name()));
        if (!created) {
            if (!caller.mayManage(stored)) {
                throw new NotYourSubscription("subscription '" + spec.name() + "' belongs to someone else");
            }
            if (!stored.spec().equals(spec)) {
                throw new SubscriptionConflict("subscription '" + spec.name()
                        + "' exists with other settings; change it with PUT /api/v1/subscriptions/" + spec.name());
            }
        }
        broker.declare(spec);
        return new Created(stored, created);
    }

    public Subscription change(String name, SubscriptionSpec spec, Caller caller) {
        if (!name.equals(spec.name())) {
            throw new InvalidSubscription("the body's name '" + spec.name() + "' is not the path's '" + name + "'");
        }
        Subscription current = manageable(name, caller);
        if (current.spec().equals(spec)) {
            broker.declare(spec);
            return current;
        }
        broker.change(current.spec(), spec);
        if (!store.update(spec, current.version(), Instant.now())) {
            // Someone changed it meanwhile: put the broker back to what is stored and let the client retry.
            store.find(name).ifPresent(latest -> broker.change(spec, latest.spec()));
            throw new SubscriptionConflict("subscription '" + name + "' was changed concurrently; read it and retry");
        }
        return store.find(name).orElseThrow(() -> new UnknownSubscription(name));
    }

    /** Refused while messages are parked (they would be lost), unless {@code force}. */
    public void delete(String name, boolean force, Caller caller) {
        Subscription current = manageable(name, caller);
        long parked = status(name).parked();
        if (parked > 0 && !force) {
            throw new SubscriptionConflict(parked + " message(s) are parked in " + names.deadLetterQueue(name)
                    + "; replay or discard them first, or delete with ?force=true");
        }
        broker.delete(name);
        store.delete(name, current.version());
    }

    public Subscription get(String name, Caller caller) {
        return manageable(name, caller);
    }

    public List<Subscription> list(Caller caller) {
        return store.all().stream().filter(caller::mayManage).toList();
    }

    /** Every stored subscription, for re-declaring them on the broker. */
    public List<Subscription> all() {
        return store.all();
    }

    public Status status(String name) {
        return broker.status(name);
    }

    /** For the retry router: the subscription as stored, whoever owns it. */
    public Optional<Subscription> find(String name) {
        return store.find(name);
    }

    private Subscription manageable(String name, Caller caller) {
        Subscription subscription = store.find(name).orElseThrow(() -> new UnknownSubscription(name));
        if (!caller.mayManage(subscription)) {
            // Not found rather than forbidden: a subscriber learns nothing about others' subscriptions.
            throw new UnknownSubscription(name);
        }
        return subscription;
    }
}
