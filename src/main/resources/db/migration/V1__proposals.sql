-- The product's own tables. Camunda's tables are managed by the engine itself.

create table ovs_agent_key (
    agent_id   varchar(100) primary key,
    key_hash   varchar(64)  not null,
    created_at timestamp with time zone not null,
    constraint uq_agent_key_hash unique (key_hash)
);

-- One row per proposal: the agent's submission and the document the agent API answers with.
-- The unique constraint makes idempotency hold across threads and cluster nodes.
create table ovs_proposal (
    id               varchar(36)  primary key,
    agent_id         varchar(100) not null,
    idempotency_key  varchar(200) not null,
    body_hash        varchar(64)  not null,
    type             varchar(10)  not null,
    workflow         varchar(100) not null,
    channel          varchar(50)  not null,
    status           varchar(30)  not null,
    escalated        boolean      not null,
    body             text         not null,
    reasons          text,
    review           text,
    customer_message varchar(2000),
    outcome          text,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint uq_proposal_idempotency unique (agent_id, idempotency_key)
);

create index ix_proposal_created on ovs_proposal (created_at);
create index ix_proposal_status on ovs_proposal (status, updated_at);
