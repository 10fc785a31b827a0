package org.originrelay.observability;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Answers every error that reaches the servlet container's error page (an exception thrown in a filter,
 * {@code response.sendError}, a path no handler serves when problem details are off) as RFC 9457
 * problem+json in UTF-8, instead of Boot's own JSON shape or its HTML page. The detail never carries an
 * exception message: those can name internals.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemJsonErrorController implements ErrorController {

    static final MediaType PROBLEM_JSON_UTF8 = new MediaType(MediaType.APPLICATION_PROBLEM_JSON,
            java.nio.charset.StandardCharsets.UTF_8);

    private final ErrorAttributes errorAttributes;

    public ProblemJsonErrorController(ErrorAttributes errorAttributes) {
        this.errorAttributes = errorAttributes;
    }

    @RequestMapping
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        Map<String, Object> attributes = errorAttributes.getErrorAttributes(new ServletWebRequest(request),
                ErrorAttributeOptions.defaults());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(status));
        problem.setType(URI.create("about:blank"));
        Object path = attributes.get("path");
        if (path != null) {
            problem.setInstance(URI.create(encodeForUri(path.toString())));
        }
        return ResponseEntity.status(status).contentType(PROBLEM_JSON_UTF8).body(problem);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String detailFor(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "no resource at this path";
            case METHOD_NOT_ALLOWED -> "this method is not allowed on this path";
            case BAD_REQUEST -> "the request is malformed";
            case UNAUTHORIZED -> "a valid bearer token is required";
            case FORBIDDEN -> "not allowed";
            default -> status.is5xxServerError() ? "the request could not be completed" : status.getReasonPhrase();
        };
    }

    /** The request path as a URI reference, with anything a URI cannot hold percent-encoded. */
    private static String encodeForUri(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}%".indexOf(c) < 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
