package org.originrelay.commandapi.commands.web;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** What an {@code Idempotency-Key} header may hold: 1 to 255 visible ASCII characters (a UUID fits). */
final class IdempotencyKeys {

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {
    }

    static String checked(String idempotencyKey) {
        if (!VALID.matcher(idempotencyKey).matches()) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "the " + CommandController.IDEMPOTENCY_KEY
                            + " header must be 1 to 255 visible ASCII characters"), null);
        }
        return idempotencyKey;
    }
}
