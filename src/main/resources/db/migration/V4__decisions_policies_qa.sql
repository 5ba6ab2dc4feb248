-- What the owner's metrics read: who decided what, as which group, and what QA found.
alter table ovs_proposal add column decision varchar(20);
alter table ovs_proposal add column decided_by varchar(100);
alter table ovs_proposal add column decided_group varchar(100);
alter table ovs_proposal add column action_kind varchar(50);
alter table ovs_proposal add column qa_kind varchar(20);
alter table ovs_proposal add column qa_verdict varchar(30);
alter table ovs_proposal add column qa_by varchar(100);
alter table ovs_proposal add column qa_at timestamp with time zone;
alter table ovs_proposal add column blind_decision varchar(20);
-- Epoch milliseconds, so waiting times are plain arithmetic in SQL on H2 and PostgreSQL alike.
alter table ovs_proposal add column created_ms bigint;
alter table ovs_proposal add column decided_ms bigint;
alter table ovs_proposal add column due_at timestamp with time zone;

create index ix_proposal_decided on ovs_proposal (decided_at);
create index ix_proposal_qa on ovs_proposal (qa_at);
create index ix_proposal_open on ovs_proposal (status, queue);
create index ix_proposal_decider on ovs_proposal (decided_by, decided_at);

-- The owner's controls per workflow; 'default' applies where no specific one is set.
create table ovs_policy (
    workflow       varchar(100) primary key,
    mode           varchar(30)  not null,
    qa_sample_rate double precision not null,
    updated_by     varchar(100) not null,
    updated_at     timestamp with time zone not null
);
insert into ovs_policy (workflow, mode, qa_sample_rate, updated_by, updated_at)
values ('default', 'EXCEPTIONS_ONLY', 0.0, 'system', current_timestamp);
