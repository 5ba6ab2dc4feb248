-- The owner's improve loop (GET /api/v1/metrics/reasons, /sources, /series, /policies/{w}/readiness).

-- Every reason an escalated proposal carried, with the version of escalationRules that fired it:
-- a proposal with several reasons counts under each. Written in the same transaction as the escalation.
create table ovs_proposal_reason (
    proposal_id  varchar(36) not null,
    reason       varchar(50) not null,
    rule_version integer     not null,
    constraint pk_proposal_reason primary key (proposal_id, reason)
);
create index ix_proposal_reason_version on ovs_proposal_reason (rule_version, reason, proposal_id);

-- The retrieved sources an escalated proposal cited, keyed by URL, else title; one row per source.
create table ovs_proposal_source (
    proposal_id varchar(36)   not null,
    source      varchar(1000) not null,
    title       varchar(500),
    constraint pk_proposal_source primary key (proposal_id, source)
);

-- What QA names when an automatic approval should have gone to a person: the reason that should
-- have fired (optional), and the rules version that let it through.
alter table ovs_proposal add column qa_missed_reason varchar(50);
alter table ovs_proposal add column qa_rule_version integer;

-- Readiness per workflow: its human decisions and its post-action audits in a window.
create index ix_metrics_workflow_created on ovs_proposal (workflow, created_at);
create index ix_metrics_workflow_decisions on ovs_proposal (workflow, decided_at, decided_by, decision);
create index ix_metrics_workflow_qa on ovs_proposal (workflow, qa_at, qa_kind, qa_verdict);
-- Queue depth at the end of each bucket: escalations still open at the window's start.
create index ix_metrics_escalated_open on ovs_proposal (escalated, created_at, decided_at, queue);
