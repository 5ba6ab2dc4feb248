package io.oversight.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first administrator comes from configuration, never from whoever opens Camunda Admin first
 * (its setup page is closed, see {@link EngineRestGuard}): {@code oversight.security.initial-admin.user-id}
 * and {@code .password-bcrypt} (a bcrypt hash, e.g. from {@code htpasswd -nbBC 12 "" 'secret' | cut -d: -f2}).
 * The user is created once, member of {@code camunda-admin}; later changes are made in Admin. Outside
 * the demo profile, a start with no administrator and none configured is refused.
 */
@Component
class InitialAdministrator {

    private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

    private final IdentityService identity;
    private final Environment environment;
    private final String userId;
    private final String passwordBcrypt;

    InitialAdministrator(IdentityService identity, Environment environment,
            @Value("${oversight.security.initial-admin.user-id:}") String userId,
            @Value("${oversight.security.initial-admin.password-bcrypt:}") String passwordBcrypt) {
        this.identity = identity;
        this.environment = environment;
        this.userId = userId;
        this.passwordBcrypt = passwordBcrypt;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-15)
    void ensureAnAdministrator() {
        if (!userId.isBlank()) {
            create(userId, passwordBcrypt);
        } else if (!StartupSafety.isDemo(environment)
                && identity.createUserQuery().memberOfGroup(ReviewerAccess.ADMIN_GROUP).count() == 0) {
            throw new IllegalStateException("No administrator exists and none is configured. Set "
                    + "OVERSIGHT_SECURITY_INITIALADMIN_USERID and OVERSIGHT_SECURITY_INITIALADMIN_PASSWORDBCRYPT "
                    + "(a bcrypt hash of the password); Camunda Admin's first-visit setup is closed");
        }
    }

    void create(String id, String bcrypt) {
        if (bcrypt == null || !bcrypt.matches("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}")) {
            throw new IllegalStateException("oversight.security.initial-admin.password-bcrypt must be a bcrypt hash "
                    + "($2a$12$…, 60 characters), never a password");
        }
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Administrator");
            // the hash as stored, without a salt of Camunda's: checked by BcryptPasswords
            ((UserEntity) user).setDbPassword("{" + BcryptPasswords.NAME + "}" + bcrypt);
            ((UserEntity) user).setSalt("");
            identity.saveUser(user);
            log.info("Created the configured administrator {}", id);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(ReviewerAccess.ADMIN_GROUP).count() == 0) {
            identity.createMembership(id, ReviewerAccess.ADMIN_GROUP);
        }
    }
}
