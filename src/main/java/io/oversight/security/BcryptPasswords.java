package io.oversight.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Lets Camunda's identity service check passwords stored as bcrypt hashes ({@code {BCRYPT}$2a$…}),
 * so the first administrator can be configured with a hash instead of a password. New passwords
 * set in Camunda Admin keep Camunda's own salted SHA-512.
 */
@Component
class BcryptPasswords extends AbstractProcessEnginePlugin implements PasswordEncryptor {

    static final String NAME = "BCRYPT";
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<PasswordEncryptor> checkers = configuration.getCustomPasswordChecker() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPasswordChecker());
        checkers.add(this);
        configuration.setCustomPasswordChecker(checkers);
    }

    @Override
    public String encrypt(String password) {
        return bcrypt.encode(password);
    }

    @Override
    public boolean check(String password, String encrypted) {
        return password != null && encrypted != null && encrypted.startsWith("$2") && bcrypt.matches(password, encrypted);
    }

    @Override
    public String hashAlgorithmName() {
        return NAME;
    }
}
