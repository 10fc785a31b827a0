package org.originrelay.commandapi.subscriptions.web;

import org.originrelay.commandapi.subscriptions.InvalidSubscription;
import org.originrelay.commandapi.subscriptions.NotYourSubscription;
import org.originrelay.commandapi.subscriptions.SubscriptionBrokerUnavailable;
import org.originrelay.commandapi.subscriptions.SubscriptionConflict;
import org.originrelay.commandapi.subscriptions.UnknownSubscription;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Ahead of the general handlers, which would turn these into a 500. */
@RestControllerAdvice(assignableTypes = SubscriptionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubscriptionProblems {

    @ExceptionHandler
    ProblemDetail invalid(InvalidSubscription failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notYours(NotYourSubscription failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownSubscription failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(SubscriptionConflict failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail brokerUnavailable(SubscriptionBrokerUnavailable failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
    }
}
