package org.originrelay.commandapi.commands.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses request bodies over {@code command-api.max-request-size} with {@code 413}: by the declared
 * length when there is one, otherwise (chunked) after reading one byte past the limit, never more.
 */
@ControllerAdvice
class RequestBodySizeLimit extends RequestBodyAdviceAdapter {

    private final long maxBytes;

    RequestBodySizeLimit(@Value("${command-api.max-request-size}") DataSize maxRequestSize) {
        this.maxBytes = maxRequestSize.toBytes();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        if (input.getHeaders().getContentLength() > maxBytes) {
            throw tooLarge();
        }
        byte[] body = input.getBody().readNBytes(Math.toIntExact(maxBytes + 1));
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    private ErrorResponseException tooLarge() {
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "request bodies are limited to " + maxBytes + " bytes"), null);
    }
}
