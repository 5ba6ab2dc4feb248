package io.oversight.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The same 503 for database failures outside the controllers: in the security filters (an agent
 * key not yet cached, a reviewer's password checked against the identity tables), which no
 * {@code @ExceptionHandler} sees and which would otherwise end as a bare 500 error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // outside Spring Security's filter chain
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ObjectMapper mapper;

    DatabaseUnavailableFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            if (response.isCommitted() || !DatabaseUnavailable.causedBy(failure)) {
                throw failure;
            }
            log.warn("Database unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(), failure.toString());
            DatabaseUnavailable.write(response, mapper, request.getRequestURI());
        }
    }
}
