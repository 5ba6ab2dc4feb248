package io.oversight.proposal;

import java.util.Optional;

/**
 * Whether a proposal's callbackUrl may be stored. Implemented where the webhooks are sent, which
 * owns the rules about where a callback may go.
 */
public interface CallbackUrlCheck {

    /** Why the URL is refused (the message of a 400 naming {@code callbackUrl}), or empty when it may be used. */
    Optional<String> refusal(String callbackUrl);
}
