package io.oversight.audit;

/** An audit event recorded but not yet in the ledger: it gets its seq, time and hash when its batch is written. */
record PendingEvent(int shard, String proposalId, String type, String actor, String details) {}
