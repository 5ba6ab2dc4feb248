package io.oversight.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A request that fails because the database went away answers 503 problem+json, not 500, whatever
 * the database failure was wrapped in: an engine command, a failed rollback that replaced the
 * original error ({@code TransactionSystemException}), a transaction that could not begin. Runs
 * before the API's own {@code @ExceptionHandler}s; anything else it leaves to them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // after Boot's DefaultErrorAttributes, before the @ControllerAdvice
class DatabaseUnavailableResolver implements HandlerExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableResolver.class);

    private final ObjectMapper mapper;

    DatabaseUnavailableResolver(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (response.isCommitted() || !DatabaseUnavailable.causedBy(failure)) {
            return null;
        }
        log.warn("Database unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(), failure.toString());
        try {
            DatabaseUnavailable.write(response, mapper, request.getRequestURI());
            return new ModelAndView();
        } catch (IOException e) {
            return null;
        }
    }
}
