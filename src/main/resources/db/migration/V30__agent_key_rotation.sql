-- Agent keys: several per agent (old and new overlap during a rotation), revocation recorded and
-- final (a revoked hash is never accepted again, even if a node's configuration still lists it).
create table ovs_agent_credential (
    key_hash   varchar(64)  primary key,
    agent_id   varchar(100) not null,
    created_at timestamp with time zone not null,
    revoked_at timestamp with time zone,
    revoked_by varchar(100)
);

create index ix_agent_credential_agent on ovs_agent_credential (agent_id);

insert into ovs_agent_credential (key_hash, agent_id, created_at)
    select key_hash, agent_id, created_at from ovs_agent_key;

drop table ovs_agent_key;
