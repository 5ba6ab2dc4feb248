package io.oversight.audit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit events one transaction recorded, written into the ledger as one batch per shard just before it
 * commits ({@code beforeCommit}: still inside the transaction, so they commit with the change they describe,
 * or not at all when the commit fails). A rolled-back transaction's events are dropped with it. Bound to the
 * transaction like Spring's own resource holders: a nested REQUIRES_NEW transaction (as the process engine
 * opens for some commands) collects its own events, and the outer ones come back when it resumes.
 *
 * <p>Events recorded after the batch was written still reach the ledger: in the same transaction while it has
 * not committed yet (another synchronization's beforeCommit), in one of their own once it has.
 */
final class TransactionAppends implements TransactionSynchronization {

    private static final Object KEY = TransactionAppends.class;

    private final LedgerAppender appender;
    private final List<PendingEvent> events = new ArrayList<>();
    private boolean written;
    private boolean committed;
    private boolean completed;

    private TransactionAppends(LedgerAppender appender) {
        this.appender = appender;
    }

    /** Records the event for the current transaction's batch; with no transaction, writes it now in one of its own. */
    static void record(LedgerAppender appender, PendingEvent event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            appender.append(List.of(event));
            return;
        }
        TransactionAppends current = (TransactionAppends) TransactionSynchronizationManager.getResource(KEY);
        if (current == null) {
            current = new TransactionAppends(appender);
            TransactionSynchronizationManager.bindResource(KEY, current);
            TransactionSynchronizationManager.registerSynchronization(current);
        }
        current.add(event);
    }

    private void add(PendingEvent event) {
        if (committed) {
            appender.appendInOwnTransaction(List.of(event));
        } else if (written) {
            appender.append(List.of(event));
        } else {
            events.add(event);
        }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        written = true;
        if (!events.isEmpty()) {
            appender.append(List.copyOf(events));
        }
    }

    @Override
    public void afterCommit() {
        committed = true;
    }

    @Override
    public void suspend() {
        if (!completed) {
            TransactionSynchronizationManager.unbindResource(KEY);
        }
    }

    @Override
    public void resume() {
        if (!completed) {
            TransactionSynchronizationManager.bindResource(KEY, this);
        }
    }

    @Override
    public void afterCompletion(int status) {
        completed = true;
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        if (status == STATUS_COMMITTED && !written && !events.isEmpty()) {
            // registered too late for beforeCommit (recorded while the transaction was completing)
            appender.appendInOwnTransaction(List.copyOf(events));
        }
        events.clear();
    }
}
