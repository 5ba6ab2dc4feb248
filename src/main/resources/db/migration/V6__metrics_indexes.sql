-- Covering indexes for the owner's metrics (GET /api/v1/metrics, the Micrometer snapshot): each
-- window query reads one index range and, on PostgreSQL, never the wide proposal rows (index-only
-- scans). Plain composite indexes, so the same migration runs on H2.

-- proposals and escalations created in the window
create index ix_metrics_created on ovs_proposal (created_at, escalated);

-- SLA breaches of the window's escalations, per queue
create index ix_metrics_escalations on ovs_proposal (escalated, created_at, queue, status, due_at, decided_at, decided_by);

-- decisions in the window: rates, approval and wait times, sensitive actions by role, reviewer load
create index ix_metrics_decisions on ovs_proposal
    (decided_at, decided_by, decision, escalated, type, decided_group, created_ms, decided_ms);

-- QA reviews in the window: missed escalations, incidents, reviewer agreement
create index ix_metrics_qa on ovs_proposal (qa_at, qa_kind, qa_verdict, blind_decision, decision);
