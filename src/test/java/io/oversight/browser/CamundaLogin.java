package io.oversight.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * Logs in on the login form of Camunda's webapps. On a busy machine the single-page app can still be binding
 * the form when the first credentials are typed (they are then lost and the form stays), so the login is tried
 * up to three times; a login that really fails still fails the test.
 */
final class CamundaLogin {

    private static final int ATTEMPTS = 3;
    private static final double WAIT_MS = 15_000;

    private CamundaLogin() {
    }

    static void logIn(Page page, String user) {
        Locator password = page.locator("input[type=password]");
        for (int attempt = 1; ; attempt++) {
            page.locator("input[type=text]").fill(user);
            password.fill(user);
            page.locator("button[type=submit]").click();
            try {
                PlaywrightAssertions.assertThat(password)
                        .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
                return;
            } catch (AssertionError stillOnTheForm) {
                if (attempt == ATTEMPTS) {
                    throw stillOnTheForm;
                }
            }
        }
    }
}
