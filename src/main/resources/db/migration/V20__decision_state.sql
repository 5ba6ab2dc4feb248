-- The authoritative state of a person's decision on a proposal, written by the completion guard
-- after it validated the decision. The process's gateways and delegates read it from here, never
-- from process variables a reviewer could write.
create table ovs_decision_state (
    proposal_id     varchar(36)  primary key,
    step            varchar(64)  not null,
    decision        varchar(20)  not null,
    decided_by      varchar(255) not null,
    decided_group   varchar(255),
    decided_at      timestamp with time zone not null,
    review_comment  text,
    reassign_to     varchar(255),
    info_request    text,
    human_reply     text,
    first_approver  varchar(255),
    edited          boolean      not null,
    edit_before     text,
    approved_reply  text,
    approved_action text
);

-- What was approved, bound to its hashes: the release of an action verifies it before it runs.
create table ovs_approval (
    proposal_id      varchar(36)  primary key,
    approved_payload text         not null,
    approval_hash    varchar(64)  not null,
    approvers        varchar(1000) not null,
    rules_version    integer,
    process_version  integer,
    record_hash      varchar(64)  not null,
    approved_at      timestamp with time zone not null
);
