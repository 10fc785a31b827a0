package org.originrelay.commandapi.commands.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.originrelay.commandapi.commands.CommandRefused;
import org.originrelay.commandapi.commands.GridAreaNotAllowed;
import org.originrelay.commandapi.commands.IdempotencyKeyInUse;
import org.originrelay.commandapi.commands.IdempotencyKeyReused;
import org.originrelay.commandapi.commands.UnknownCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is an RFC 9457 {@code application/problem+json} response. A malformed request is the
 * client's mistake (4xx) and the detail says which field is wrong and why.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler
    ProblemDetail unknownCommand(UnknownCommand failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail commandRefused(CommandRefused failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
        problem.setTitle("Command refused");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail gridAreaNotAllowed(GridAreaNotAllowed failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReused failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyInUse(IdempotencyKeyInUse failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, failure.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception failure) {
        log.error("Request failed unexpectedly", failure);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request could not be completed");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = failure.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .sorted(Comparator.comparing((Map<String, String> error) -> error.get("field"))
                        .thenComparing(error -> error.get("message")))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "invalid fields: " + String.join("; ",
                errors.stream().map(error -> error.get("field") + " " + error.get("message")).toList()));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(failure, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, UnreadableBody.describe(failure));
        return handleExceptionInternal(failure, problem, headers, status, request);
    }
}
