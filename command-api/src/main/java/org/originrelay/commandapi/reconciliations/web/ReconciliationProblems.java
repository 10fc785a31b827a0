package org.originrelay.commandapi.reconciliations.web;

import org.originrelay.commandapi.reconciliations.UnknownReconciliation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Ahead of the general handlers, which would turn these into a 500. */
@RestControllerAdvice(assignableTypes = ReconciliationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReconciliationProblems {

    @ExceptionHandler
    ProblemDetail unknown(UnknownReconciliation failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
    }
}
