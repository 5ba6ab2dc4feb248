-- The keyed ledger (issue 9, item 13). From now on every entry's hash is an HMAC-SHA256 under a
-- ledger key that lives in the configuration, never in this database; key_id names that key.
-- Entries written before have key_id null and a plain SHA-256 hash (canonical form v1).
alter table ovs_audit_event add column key_id varchar(20);

-- Per shard, the last entry written unkeyed: the legacy boundary. Unkeyed entries verify only up to
-- it. It is taken here from the heads once, is never moved by the product, and every checkpoint
-- outside the database repeats it, so moving it behind the product's back is detected. A shard
-- without a row has no legacy entries (a ledger created keyed).
create table ovs_ledger_legacy (
    shard    integer primary key,
    last_seq bigint  not null
);

insert into ovs_ledger_legacy (shard, last_seq) select shard, last_seq from ovs_ledger_head where last_seq > 0;
