package org.originrelay.commandapi.deadletters.web;

import org.originrelay.commandapi.deadletters.BrokerUnavailable;
import org.originrelay.commandapi.deadletters.NoSuchDeadLetter;
import org.originrelay.commandapi.deadletters.UnknownDeadLetterQueue;
import org.originrelay.commandapi.deadletters.UnknownOperation;
import org.originrelay.commandapi.deadletters.UnreplayableDeadLetters;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
    ProblemDetail noSuchMessage(NoSuchDeadLetter failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownOperation(UnknownOperation failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unreplayable(UnreplayableDeadLetters failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, failure.getMessage());
        problem.setProperty("plan", failure.plan());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail badArgument(IllegalArgumentException failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
    }

    /** Never an empty answer that reads as "nothing parked": the operator must know we could not look. */
    @ExceptionHandler
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE) // also documents the 503 on every dead-letter endpoint (springdoc)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailable failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
        problem.setTitle("RabbitMQ is not reachable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
