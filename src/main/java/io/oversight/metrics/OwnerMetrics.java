package io.oversight.metrics;

import io.oversight.metrics.OversightMetrics.ApprovalTime;
import io.oversight.metrics.OversightMetrics.CustomerWait;
import io.oversight.metrics.OversightMetrics.QueueFigures;
import io.oversight.metrics.OversightMetrics.ReviewerLoad;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the owner's figures for a window from SQL aggregates only; nothing is loaded row by row.
 * All queries run in one repeatable-read transaction, so the figures agree with each other.
 */
@Service
public class OwnerMetrics {

    private final WindowQueries window;
    private final QueueQueries queues;
    private final Clock clock;

    OwnerMetrics(WindowQueries window, QueueQueries queues, @Qualifier("metricsClock") Clock clock) {
        this.window = window;
        this.queues = queues;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public OversightMetrics compute(MetricsWindow range) {
        Instant now = now();
        WindowQueries.Submissions submitted = window.submissions(range);
        WindowQueries.Decisions decisions = window.decisions(range);
        WindowQueries.QaReviews qa = window.qaReviews(range);
        long human = decisions.human();
        return new OversightMetrics(
                submitted.proposals(),
                submitted.escalated(),
                Ratios.rate(submitted.escalated(), submitted.proposals()),
                queueFigures(range, now),
                new ApprovalTime(Ratios.seconds(decisions.approvalAvg()), Ratios.seconds(decisions.approvalP50()),
                        Ratios.seconds(decisions.approvalP90())),
                Ratios.rate(decisions.edits() + decisions.rejections(), human),
                Ratios.rate(decisions.edits(), human),
                Ratios.rate(decisions.rejections(), human),
                Ratios.rate(decisions.approvedUnchanged(), decisions.humanOnEscalations()),
                Ratios.rate(qa.missed(), qa.audits()),
                new CustomerWait(Ratios.seconds(decisions.waitAvg()), Ratios.seconds(decisions.waitP90())),
                window.sensitiveActionsApprovedByRole(range),
                reviewerLoad(range),
                qa.incidents(),
                Ratios.rateOrNull(qa.agreed(), qa.blindReviews()));
    }

    /** Every queue with open work now or an escalation in the window, by name. */
    private List<QueueFigures> queueFigures(MetricsWindow range, Instant now) {
        Map<String, QueueQueries.OpenWork> open = queues.openWork();
        Map<String, Long> breaches = queues.slaBreaches(range, now);
        TreeSet<String> names = new TreeSet<>(open.keySet());
        names.addAll(breaches.keySet());
        return names.stream().map(name -> {
            QueueQueries.OpenWork work = open.get(name);
            long oldest = work == null ? 0 : Math.max(0, Duration.between(work.oldestCreatedAt(), now).toSeconds());
            return new QueueFigures(name, work == null ? 0 : work.open(), oldest, breaches.getOrDefault(name, 0L));
        }).toList();
    }

    /** Every person with a decision in the window or an open review task now, by name. */
    private List<ReviewerLoad> reviewerLoad(MetricsWindow range) {
        Map<String, Long> decided = window.decidedByReviewer(range);
        Map<String, Long> open = queues.openTasksByAssignee();
        TreeSet<String> names = new TreeSet<>(decided.keySet());
        names.addAll(open.keySet());
        return names.stream()
                .map(name -> new ReviewerLoad(name, decided.getOrDefault(name, 0L), open.getOrDefault(name, 0L)))
                .toList();
    }
}
