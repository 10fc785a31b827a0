package org.originrelay.commandapi.deadletters.web;

import org.originrelay.commandapi.deadletters.BrokerUnavailable;
import org.originrelay.commandapi.deadletters.UnknownDeadLetterQueue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Ahead of the general handlers, which would turn these into a 500. */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeadLetterProblems {

    @ExceptionHandler
    ProblemDetail unknownQueue(UnknownDeadLetterQueue failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE) // also documents the 503 on every dead-letter endpoint (springdoc)
    ProblemDetail brokerUnavailable(BrokerUnavailable failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
    }
}
