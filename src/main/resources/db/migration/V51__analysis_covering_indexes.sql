-- Per reason and per source: the window's escalations joined to their reasons and sources by id, read from
-- these indexes alone (index-only scans on PostgreSQL) instead of the wide proposal rows.
create index ix_analysis_escalations_created on ovs_proposal (escalated, created_at, id);
create index ix_analysis_escalations_decided on ovs_proposal
    (escalated, decided_at, decided_by, decision, created_ms, decided_ms, id);
