package org.originrelay.commandapi.subscriptions.web;

import java.net.URI;
import java.util.List;
import org.originrelay.commandapi.subscriptions.Caller;
import org.originrelay.commandapi.subscriptions.Subscription;
import org.originrelay.commandapi.subscriptions.SubscriptionNames;
import org.originrelay.commandapi.subscriptions.SubscriptionStatistics;
import org.originrelay.commandapi.subscriptions.Subscriptions;
import org.originrelay.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Managed subscriptions for outside AMQP clients (docs/subscriptions.md). */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

    private static final String OPERATOR_AUTHORITY = "ROLE_" + Roles.role(Roles.OPERATOR);

    private final Subscriptions subscriptions;
    private final SubscriptionNames names;
    private final SubscriptionStatistics statistics;
    private final String vhost;

    SubscriptionController(Subscriptions subscriptions, SubscriptionNames names, SubscriptionStatistics statistics,
            @Value("${spring.rabbitmq.virtual-host:/}") String vhost) {
        this.subscriptions = subscriptions;
        this.names = names;
        this.statistics = statistics;
        this.vhost = vhost;
    }

    @PostMapping
    ResponseEntity<SubscriptionView> create(@RequestBody SubscriptionRequest request, Authentication caller) {
        Subscriptions.Created result = subscriptions.create(request.toSpec(null), caller(caller));
        SubscriptionView view = view(result.subscription());
        return result.created()
                ? ResponseEntity.created(URI.create("/api/v1/subscriptions/" + view.name())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping
    List<SubscriptionView> list(Authentication caller) {
        return subscriptions.list(caller(caller)).stream().map(this::view).toList();
    }

    @GetMapping("/{name}")
    SubscriptionView get(@PathVariable String name, Authentication caller) {
        return view(subscriptions.get(name, caller(caller)));
    }

    @PutMapping("/{name}")
    SubscriptionView change(@PathVariable String name, @RequestBody SubscriptionRequest request,
            Authentication caller) {
        return view(subscriptions.change(name, request.toSpec(name), caller(caller)));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force, Authentication caller) {
        subscriptions.delete(name, force, caller(caller));
        statistics.forget(name);
    }

    private SubscriptionView view(Subscription subscription) {
        statistics.track(subscription.name());
        return SubscriptionView.of(subscription, names, vhost, statistics.figures(subscription.name()));
    }

    private static Caller caller(Authentication authentication) {
        boolean operator = authentication.getAuthorities().stream()
                .anyMatch(authority -> OPERATOR_AUTHORITY.equals(authority.getAuthority()));
        return new Caller(authentication.getName(), operator);
    }
}
