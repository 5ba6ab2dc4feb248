package io.oversight.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile no demo identity may survive in the database (a database once started
 * with the demo profile still holds lena, admin, … with password = user id, and their group
 * memberships). A start that finds one refuses, naming them and the remedy; with
 * {@code oversight.security.remove-demo-identities=true} it deletes them (with their memberships)
 * and goes on. A demo identity is one of the demo user ids (CONTRACT §2) that carries the demo's
 * e-mail domain or whose password is its user id. Passwords are compared against the stored hash
 * directly, so the check never counts as a failed login (which would lock a real user).
 */
@Component
class DemoIdentityLeftovers {

    /** The demo profile's users (demo/DemoIdentities), named here so security does not depend on demo. */
    static final List<String> DEMO_USERS =
            List.of("alice", "lena", "bill", "sam", "lee", "fran", "quinn", "admin", "action-worker");
    static final String DEMO_EMAIL_DOMAIN = "@oversight.example";

    private static final Logger log = LoggerFactory.getLogger(DemoIdentityLeftovers.class);

    private final IdentityService identity;
    private final ProcessEngineConfiguration configuration;
    private final Environment environment;
    private final boolean remove;

    DemoIdentityLeftovers(IdentityService identity, ProcessEngineConfiguration configuration, Environment environment,
            @Value("${oversight.security.remove-demo-identities:false}") boolean remove) {
        this.identity = identity;
        this.configuration = configuration;
        this.environment = environment;
        this.remove = remove;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-30)
    void refuseOutsideDemo() {
        if (StartupSafety.isDemo(environment)) {
            return;
        }
        List<String> found = find();
        if (found.isEmpty()) {
            return;
        }
        if (!remove) {
            throw new IllegalStateException("Demo identities " + found + " exist in this database outside the demo profile "
                    + "(password = user id, or the demo e-mail domain). Delete them in Camunda Admin, or start once with "
                    + "OVERSIGHT_SECURITY_REMOVEDEMOIDENTITIES=true to have them and their group memberships deleted");
        }
        found.forEach(identity::deleteUser);
        log.warn("Deleted demo identities {} and their group memberships (oversight.security.remove-demo-identities)", found);
    }

    /** The demo identities present in the database. */
    List<String> find() {
        List<String> found = new ArrayList<>();
        for (String id : DEMO_USERS) {
            User user = identity.createUserQuery().userId(id).singleResult();
            if (user != null && (isDemoEmail(user) || passwordIsUserId(user))) {
                found.add(id);
            }
        }
        return found;
    }

    private static boolean isDemoEmail(User user) {
        return user.getEmail() != null && user.getEmail().endsWith(DEMO_EMAIL_DOMAIN);
    }

    private boolean passwordIsUserId(User user) {
        if (!(user instanceof UserEntity entity) || entity.getPassword() == null) {
            return false;
        }
        String salted = EncryptionUtil.saltPassword(user.getId(), entity.getSalt());
        return ((ProcessEngineConfigurationImpl) configuration).getPasswordManager().check(salted, entity.getPassword());
    }
}
