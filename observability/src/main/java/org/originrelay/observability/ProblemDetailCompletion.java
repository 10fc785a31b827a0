package org.originrelay.observability;

import java.net.URI;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Fills what a service's or Spring's problem details leave out, so every problem+json a client gets has
 * {@code type}, {@code title}, {@code status}, {@code detail} and {@code instance}, and says it is UTF-8.
 * Spring 7 leaves {@code type} unset (RFC 9457 reads that as {@code about:blank}); clients that expect the
 * field then find it.
 */
@ControllerAdvice
class ProblemDetailCompletion implements ResponseBodyAdvice<Object> {

    private static final URI BLANK = URI.create("about:blank");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null) {
                problem.setType(BLANK);
            }
            if (problem.getDetail() == null && problem.getTitle() != null) {
                problem.setDetail(problem.getTitle());
            }
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(request.getURI().getRawPath()));
            }
            if (MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType) && contentType.getCharset() == null) {
                response.getHeaders().setContentType(ProblemJsonErrorController.PROBLEM_JSON_UTF8);
            }
        }
        return body;
    }
}
