package io.oversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the Cockpit plugin call the Oversight API with the person's Camunda webapp session
 * (JSESSIONID, cookie path /): a request without an Authorization header whose session holds a
 * webapp login for the engine "default" is authenticated as that person, with their groups as
 * roles ({@code GROUP_<id>}), exactly as HTTP Basic would; the API's role rules then apply.
 * <p>
 * Only GET and HEAD: the session cookie is sent by the browser on its own, so a state-changing
 * request could be forged by another site (CSRF). No endpoint changes state on GET, so reads need
 * no CSRF token; anything else still needs a Bearer key or HTTP Basic.
 * <p>
 * The groups are read from the identity service on each request rather than from the session, so
 * a person removed from a group loses access at once (the webapp caches them for minutes). The
 * session itself is left alone: the API chain has no session fixation protection (see
 * SecurityConfig), which would otherwise give the webapp session a new id on every such read and
 * log Cockpit out for its requests still in flight with the old one.
 */
class CamundaSessionFilter extends OncePerRequestFilter {

    static final String ENGINE = "default";
    /** The session attribute in which the webapps keep their logins (Camunda's AuthenticationUtil). */
    static final String WEBAPP_LOGINS = "authenticatedUser";

    private final IdentityService identity;

    CamundaSessionFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && isSafeRead(request) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && SecurityContextHolder.getContext().getAuthentication() == null) {
            String userId = webappUser(session);
            if (userId != null && identity.createUserQuery().userId(userId).count() == 1) {
                authenticate(userId);
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isSafeRead(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
    }

    /** The user logged in to the webapps (Cockpit, Tasklist, Admin) for the default engine, or null. */
    private static String webappUser(HttpSession session) {
        if (session.getAttribute(WEBAPP_LOGINS) instanceof Authentications logins
                && logins.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user) {
            return user.getIdentityId();
        }
        return null;
    }

    private void authenticate(String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        Caller caller = Caller.user(userId, groups);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null,
                AuthorityUtils.createAuthorityList(caller.authorities()));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
    }
}
