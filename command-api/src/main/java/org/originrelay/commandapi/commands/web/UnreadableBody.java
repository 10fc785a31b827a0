package org.originrelay.commandapi.commands.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Says in a client's terms why a request body could not be read, without echoing our internals. */
final class UnreadableBody {

    private UnreadableBody() {
    }

    static String describe(HttpMessageNotReadableException failure) {
        if (!(failure.getCause() instanceof JacksonException cause)) {
            return "the request needs a JSON body";
        }
        String field = path(cause.getPath());
        if (cause instanceof UnrecognizedPropertyException) {
            return "unknown field '" + field + "'";
        }
        if (field.isEmpty()) {
            return cause instanceof StreamReadException
                    ? "the body is not well-formed JSON"
                    : "the body must be one JSON object with the command's fields";
        }
        if (cause instanceof InputCoercionException) {
            return "field '" + field + "' is out of range";
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "field '" + field + "' must be " + expected(mismatch.getTargetType());
        }
        return "field '" + field + "' has an invalid value";
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-01T00:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a valid value";
    }
}
