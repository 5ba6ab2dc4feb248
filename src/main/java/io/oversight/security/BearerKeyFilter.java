package io.oversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates an AI agent by its API key: {@code Authorization: Bearer <key>}. */
class BearerKeyFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final AgentKeys keys;
    private final AuthenticationEntryPoint entryPoint;
    private final AuthenticationEntryPoint notYet;

    /** {@code notYet} answers while the keys are still loading at start: 503 with Retry-After, never 401. */
    BearerKeyFilter(AgentKeys keys, AuthenticationEntryPoint entryPoint, AuthenticationEntryPoint notYet) {
        this.keys = keys;
        this.entryPoint = entryPoint;
        this.notYet = notYet;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        java.util.Optional<String> agent;
        try {
            agent = keys.agentFor(header.substring(PREFIX.length()).trim());
        } catch (AgentKeys.KeysNotLoaded e) {
            notYet.commence(request, response, null);
            return;
        }
        if (agent.isEmpty()) {
            entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
            return;
        }
        Caller caller = Caller.agent(agent.get());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null,
                AuthorityUtils.createAuthorityList(caller.authorities()));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
