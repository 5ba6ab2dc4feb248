package io.oversight.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What an action system's account may do through the engine's APIs (CONTRACT §5): fetch and lock,
 * lock, extend, unlock, complete and fail the external tasks of its own topics, reporting at most
 * the result variable {@code actionResult}. Nothing else: no process start, instance modification,
 * variable write, job execution, message or signal, task work, migration, restart or batch, and no
 * BPMN error (it would end the process without a record of failure). The engine's permission model
 * cannot say this (fetching needs UPDATE_INSTANCE, which also allows modification), so this filter
 * sits behind engine-rest's authentication and allow-lists requests; everything else is a 403
 * problem+json and reaches no engine code. The webapps' own copy of the engine API
 * ({@code /camunda/api/**}, which any user reaches by logging in to the "welcome" app) is closed to
 * action systems entirely.
 * <p>
 * Also closes Camunda Admin's first-visit setup page for everyone: the first administrator comes
 * from configuration (see {@code InitialAdministrator}), never from whoever opens Admin first.
 */
class EngineRestGuard extends OncePerRequestFilter {

    /** The only variable an action system may write, on completion or failure. */
    static final Set<String> RESULT_VARIABLES = Set.of("actionResult");
    static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EngineRestGuard.class);
    private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine/[^/]+(/.*)$");
    private static final Pattern TASK_OPERATION =
            Pattern.compile("^/external-task/([^/]+)/(complete|failure|extendLock|unlock|lock)$");
    private static final Set<String> OVERRIDE_HEADERS = Set.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    private final ObjectProvider<IdentityService> identity;
    private final ObjectProvider<ExternalTaskService> externalTasks;
    private final ActionSystemProperties systems;
    private final ObjectMapper mapper;
    private final ObjectMapper strict;

    EngineRestGuard(ObjectProvider<IdentityService> identity, ObjectProvider<ExternalTaskService> externalTasks, ActionSystemProperties systems,
            ObjectMapper mapper) {
        this.identity = identity;
        this.externalTasks = externalTasks;
        this.systems = systems;
        this.mapper = mapper;
        this.strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        if (path.startsWith("/camunda/api/")) {
            webappApi(request, response, chain, path);
        } else if (path.startsWith("/engine-rest/")) {
            engineRest(request, response, chain, path.substring("/engine-rest".length()));
        } else {
            chain.doFilter(request, response);
        }
    }

    private void webappApi(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        if (path.startsWith("/camunda/api/admin/setup/")) {
            refuse(response, HttpStatus.FORBIDDEN, "The first administrator is configured "
                    + "(oversight.security.initial-admin), not created from the browser; this setup page is closed.");
            return;
        }
        String user = webappUser(request.getSession(false));
        if (user != null && !path.startsWith("/camunda/api/admin/auth/")) {
            List<String> groups = identity.getObject().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
            if (systems.isActionSystem(groups)) {
                refuse(response, HttpStatus.FORBIDDEN, "Action system accounts may not use the Camunda webapps; "
                        + "they work their external tasks over /engine-rest only.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void engineRest(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String rest)
            throws IOException, ServletException {
        Authentication caller = identity.getObject().getCurrentAuthentication();
        if (caller == null || caller.getGroupIds() == null || !systems.isActionSystem(caller.getGroupIds())) {
            chain.doFilter(request, response);
            return;
        }
        Set<String> topics = systems.topicsOf(caller.getGroupIds());
        Matcher named = NAMED_ENGINE.matcher(rest);
        String endpoint = named.matches() ? named.group(1) : rest;
        if (!"POST".equals(request.getMethod()) || OVERRIDE_HEADERS.stream().anyMatch(h -> request.getHeader(h) != null)) {
            refuseOutsideContract(response, caller, topics, request.getMethod() + " " + endpoint);
            return;
        }
        BufferedRequest buffered = BufferedRequest.of(request, MAX_BODY_BYTES);
        if (buffered == null) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "The body exceeds " + MAX_BODY_BYTES + " bytes");
            return;
        }
        String refusal;
        Matcher operation = TASK_OPERATION.matcher(endpoint);
        if (endpoint.equals("/external-task/fetchAndLock")) {
            refusal = checkFetch(buffered, topics);
        } else if (operation.matches()) {
            ExternalTask task = externalTasks.getObject().createExternalTaskQuery().externalTaskId(operation.group(1)).singleResult();
            if (task == null) {
                refuse(response, HttpStatus.NOT_FOUND, "No external task " + operation.group(1));
                return;
            }
            refusal = checkOperation(buffered, topics, task, operation.group(2));
        } else {
            refuseOutsideContract(response, caller, topics, "POST " + endpoint);
            return;
        }
        if (refusal != null) {
            log.warn("Refused {} {} for action system account {}: {}", request.getMethod(), endpoint, caller.getUserId(), refusal);
            refuse(response, HttpStatus.FORBIDDEN, refusal);
            return;
        }
        chain.doFilter(buffered, response);
    }

    private String checkFetch(BufferedRequest request, Set<String> topics) {
        JsonNode body = json(request);
        if (body == null || !body.path("topics").isArray() || body.path("topics").isEmpty()) {
            return "fetchAndLock needs a JSON body with the topics to fetch, each one of yours: " + topics;
        }
        List<String> foreign = new ArrayList<>();
        for (JsonNode topic : body.get("topics")) {
            String name = topic.path("topicName").asText(null);
            if (name == null || !topics.contains(name)) {
                foreign.add(String.valueOf(name));
            }
        }
        return foreign.isEmpty() ? null
                : "Topic(s) " + foreign + " are not yours; this account may fetch only " + topics;
    }

    private String checkOperation(BufferedRequest request, Set<String> topics, ExternalTask task, String operation) {
        if (!topics.contains(task.getTopicName())) {
            return "External task " + task.getId() + " is on topic " + task.getTopicName()
                    + ", not one of yours " + topics;
        }
        if (!operation.equals("complete") && !operation.equals("failure")) {
            return null;
        }
        JsonNode body = json(request);
        if (body == null) {
            return "The body must be a JSON object";
        }
        for (String field : List.of("variables", "localVariables")) {
            JsonNode variables = body.path(field);
            for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!RESULT_VARIABLES.contains(name)) {
                    return "An action system may report only " + RESULT_VARIABLES + "; " + field + "." + name
                            + " would change the process's own data";
                }
            }
        }
        return null;
    }

    private JsonNode json(BufferedRequest request) {
        if (request.body().length == 0) {
            return null;
        }
        try {
            JsonNode node = strict.readTree(request.body());
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private void refuseOutsideContract(HttpServletResponse response, Authentication caller, Set<String> topics,
            String what) throws IOException {
        log.warn("Refused {} for action system account {}", what, caller.getUserId());
        refuse(response, HttpStatus.FORBIDDEN, "Action system accounts may only fetch and lock, lock, extend, unlock, "
                + "complete and fail the external tasks of their topics " + topics + "; " + what + " is not allowed.");
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setType(URI.create("https://oversight.io/problems/" + status.getReasonPhrase().toLowerCase().replace(' ', '-')));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }

    /** The decoded, normalised path (Tomcat removes dot segments and path parameters), without repeated slashes. */
    private static String path(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        path = path.replaceAll("/{2,}", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String webappUser(HttpSession session) {
        if (session != null && session.getAttribute(CamundaSessionFilter.WEBAPP_LOGINS) instanceof Authentications logins
                && logins.getAuthenticationForProcessEngine(CamundaSessionFilter.ENGINE) instanceof UserAuthentication user) {
            return user.getIdentityId();
        }
        return null;
    }
}
