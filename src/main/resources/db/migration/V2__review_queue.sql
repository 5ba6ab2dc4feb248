-- The queue a proposal waits in and when it was decided: for ETAs from recent decision times
-- and for the owner's metrics.
alter table ovs_proposal add column queue varchar(100);
alter table ovs_proposal add column decided_at timestamp with time zone;
create index ix_proposal_queue_decided on ovs_proposal (queue, decided_at);
