package io.oversight.mcp;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.oversight.proposal.ProposalDocument;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * While a client waits in {@code get_proposal}, tells it how the wait goes — if it asked, by giving a
 * progress token: seconds waited out of waitSeconds, and the review's queue and SLA remaining.
 */
@Component
class ProgressTicker {

    private final Duration interval;

    ProgressTicker(@Value("${oversight.mcp.progress-interval:PT5S}") Duration interval) {
        this.interval = interval;
    }

    Disposable start(McpAsyncServerExchange exchange, CallToolRequest request, ProposalDocument waitingFor, int seconds) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        if (token == null) {
            return Disposables.single();
        }
        Instant started = Instant.now();
        return Flux.interval(Duration.ZERO, interval)
                .takeWhile(tick -> Duration.between(started, Instant.now()).getSeconds() < seconds)
                .concatMap(tick -> exchange.progressNotification(new ProgressNotification(token,
                        (double) Duration.between(started, Instant.now()).toSeconds(), (double) seconds,
                        message(waitingFor, Instant.now()))))
                .onErrorResume(e -> Flux.empty())
                .subscribe();
    }

    static String message(ProposalDocument p, Instant now) {
        if (p.review() == null || p.review().dueAt() == null) {
            return "Waiting for proposal " + p.id() + " (" + p.status() + ") to change";
        }
        Duration left = Duration.between(now, p.review().dueAt());
        String sla = left.isNegative() ? "SLA breached " + minutes(left.negated()) + " ago"
                : "SLA remaining " + minutes(left);
        return p.status() + " in the " + p.review().queue() + " queue; " + sla;
    }

    private static String minutes(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
