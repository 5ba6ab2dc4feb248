package io.oversight.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Authentication on every API: agents with Bearer API keys and people with HTTP Basic against
 * Camunda's identity service on {@code /api/**}, or for reads the Camunda webapp session (the
 * Cockpit plugin); HTTP Basic on {@code /engine-rest/**} through Camunda's own filter, so the
 * engine's authorization checks apply to the caller. The Camunda webapps keep their own session login.
 */
@Configuration
class SecurityConfig {

    /** After Spring Security's chain (-100), which does not cover engine-rest. */
    static final int ENGINE_REST_AUTH_ORDER = 100;
    static final String[] OWNERS = {"GROUP_support-leads", "GROUP_qa", "GROUP_camunda-admin"};

    @Bean
    SecurityFilterChain apiChain(HttpSecurity http, AgentKeys keys, CamundaUserAuthenticationProvider users,
            ObjectMapper mapper, IdentityService identity) throws Exception {
        AuthenticationEntryPoint entryPoint = unauthorized(mapper);
        AccessDeniedHandler denied = forbidden(mapper);
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                // stateless: no session id change either, which would log out the Cockpit session the plugin reads with
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .authenticationProvider(users)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .addFilterBefore(new BearerKeyFilter(keys, entryPoint, startingUp(mapper)), BasicAuthenticationFilter.class)
                // the Cockpit plugin's reads with the webapp session (GET only, see the filter)
                .addFilterBefore(new CamundaSessionFilter(identity), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(auth -> auth
                        // a long poll's result is written on an async dispatch of the already-authorised request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/proposals").hasRole("AGENT")
                        .requestMatchers("/api/v1/proposals/**").authenticated()
                        .requestMatchers("/api/v1/agent-keys", "/api/v1/agent-keys/**").hasRole("GROUP_camunda-admin")
                        .anyRequest().hasAnyRole(OWNERS));
        return http.build();
    }

    /** The MCP server (Streamable HTTP): agents only, with the same Bearer keys as the REST API. */
    @Bean
    SecurityFilterChain mcpChain(HttpSecurity http, AgentKeys keys, ObjectMapper mapper) throws Exception {
        AuthenticationEntryPoint entryPoint = unauthorized(mapper);
        http.securityMatcher("/mcp", "/mcp/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .addFilterBefore(new BearerKeyFilter(keys, entryPoint, startingUp(mapper)), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(forbidden(mapper)))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("AGENT"));
        return http.build();
    }

    /** The API description (OpenAPI document and Swagger UI) is public; it holds no data. */
    @Bean
    SecurityFilterChain apiDocsChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    SecurityFilterChain actuatorChain(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationProvider(users)
                .httpBasic(basic -> { })
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .anyRequest().hasAnyRole(OWNERS));
        return http.build();
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-auth");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(ENGINE_REST_AUTH_ORDER);
        return registration;
    }

    /**
     * Runs inside engine-rest's authentication, so it knows who calls (see {@link EngineRestGuard}).
     * The engine's services are looked up lazily: filters are created with the web server, before
     * Flyway has migrated the database, and the engine must not create its tables first.
     */
    @Bean
    FilterRegistrationBean<EngineRestGuard> engineRestGuard(ObjectProvider<IdentityService> identity,
            ObjectProvider<ExternalTaskService> externalTasks, ActionSystemProperties systems, ObjectMapper mapper) {
        var registration = new FilterRegistrationBean<>(new EngineRestGuard(identity, externalTasks, systems, mapper));
        registration.setName("oversight-engine-rest-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(ENGINE_REST_AUTH_ORDER + 1);
        return registration;
    }

    private static AuthenticationEntryPoint unauthorized(ObjectMapper mapper) {
        return problem(mapper, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "A valid agent key (Bearer) or user credentials (Basic) are required");
    }

    private static AccessDeniedHandler forbidden(ObjectMapper mapper) {
        return (request, response, e) -> problem(mapper, HttpStatus.FORBIDDEN, "Forbidden",
                "Your role may not do this").commence(request, response, null);
    }

    /** While this node is still loading the agent keys: 503 and Retry-After, so a valid key is never called unknown. */
    static AuthenticationEntryPoint startingUp(ObjectMapper mapper) {
        return (request, response, e) -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "This node is starting and has not loaded the agent keys yet; retry in a moment");
            problem.setTitle("Service unavailable");
            problem.setType(URI.create("https://oversight.io/problems/service-unavailable"));
            response.setHeader("Retry-After", "2");
            write(mapper, response, HttpStatus.SERVICE_UNAVAILABLE, problem);
        };
    }

    private static AuthenticationEntryPoint problem(ObjectMapper mapper, HttpStatus status, String title, String detail) {
        return (request, response, e) -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(title);
            problem.setType(URI.create("https://oversight.io/problems/" + title.toLowerCase()));
            write(mapper, response, status, problem);
        };
    }

    private static void write(ObjectMapper mapper, HttpServletResponse response, HttpStatus status, ProblemDetail problem)
            throws IOException {
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"oversight\", Basic realm=\"oversight\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
