package io.oversight.action;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The reference action worker: which topics it serves and how it signs in to engine-rest. */
@ConfigurationProperties("oversight.action-worker")
record ActionWorkerProperties(
        boolean enabled,
        String user,
        String password,
        @DefaultValue({"REFUND", "CREDIT", "CANCELLATION", "ACCOUNT_UPDATE", "ACCOUNT_ACCESS", "DATA_EXPORT"}) List<String> kinds,
        @DefaultValue("3") int retries,
        @DefaultValue("PT2S") Duration retryTimeout,
        @DefaultValue("PT30S") Duration lockDuration) {}
