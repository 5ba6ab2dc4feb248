-- After historic-proposals.sql: what the owner's analysis groups the historic escalations by, derived
-- from their rows as the application writes it when it escalates (one reason per historic proposal, its
-- retrieved source by URL), and the reason QA named for the missed escalations it found.
insert into ovs_proposal_reason (proposal_id, reason, rule_version)
select id, substring(reasons from '"code":"([A-Z_]+)"'), 1 from ovs_proposal
where escalated and reasons like '[{"code":"%' on conflict do nothing;

insert into ovs_proposal_source (proposal_id, source, title)
select id, substring(body from '"url":"([^"]+)"'), 'Order tracking' from ovs_proposal
where escalated and body like '%"url":"%' on conflict do nothing;

update ovs_proposal set qa_missed_reason = 'ANGRY_CUSTOMER', qa_rule_version = 1
where qa_verdict = 'SHOULD_HAVE_ESCALATED' and qa_missed_reason is null;

analyze ovs_proposal;
analyze ovs_proposal_reason;
analyze ovs_proposal_source;
