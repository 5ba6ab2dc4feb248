package io.oversight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Identities outside the demo profile (issue 9, item 7), against the demo database of the test
 * context: demo users are found and a production start refuses with the remedy; a real user is
 * not mistaken for one; the configured administrator signs in with a bcrypt hash. (A real
 * production start: {@code io.oversight.cluster.ProductionIdentitiesIT}.)
 */
@OversightTest
class ProductionIdentitiesTest {

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired ProcessEngineConfiguration configuration;

    @Test
    void aProductionStartRefusesDemoIdentitiesNamingTheRemedy() {
        User real = identity.newUser("dana");
        real.setEmail("dana@example.com");
        real.setPassword("dana-Real-Passw0rd");
        if (identity.createUserQuery().userId("dana").count() == 0) {
            identity.saveUser(real);
        }
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");
        var leftovers = new DemoIdentityLeftovers(identity, configuration, production, false);

        assertThat(leftovers.find()).contains("alice", "lena", "admin", "action-worker").doesNotContain("dana");
        assertThatThrownBy(leftovers::refuseOutsideDemo).hasMessageContaining("Demo identities [alice, lena")
                .hasMessageContaining("OVERSIGHT_SECURITY_REMOVEDEMOIDENTITIES=true");
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        new DemoIdentityLeftovers(identity, configuration, demo, false).refuseOutsideDemo();
        assertThat(identity.checkPassword("lena", "lena")).as("the check locked nobody out").isTrue();
    }

    @Test
    void theConfiguredAdministratorSignsInWithABcryptHash() {
        String password = "Root-Admin-Passw0rd";
        var administrator = new InitialAdministrator(identity, new MockEnvironment(), "", "");
        administrator.create("root-admin", new BCryptPasswordEncoder(10).encode(password));

        ApiClient api = new ApiClient("http://localhost:" + port);
        assertThat(api.get("/engine-rest/user/root-admin/profile", ApiClient.basic("root-admin", password)).status()).isEqualTo(200);
        assertThat(identity.createUserQuery().userId("root-admin").memberOfGroup("camunda-admin").count()).isEqualTo(1);
        assertThatThrownBy(() -> administrator.create("other-admin", password))
                .as("a password instead of a hash").hasMessageContaining("bcrypt hash");
        assertThat(identity.createUserQuery().userId("other-admin").count()).isZero();
    }
}
