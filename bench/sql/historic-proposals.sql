-- bench/run.sh: :rows historic proposals in ovs_proposal for GET /api/v1/metrics, in one statement.
-- Only the product's own table is written (the metrics read only it); no engine state is faked.
-- Spread over the default metrics window (the last 7 days) with a realistic mix:
--   15 % ACTION (refund 45 %, credit 20 %, cancellation 20 %, account update 10 %, data export 5 %), 85 % REPLY;
--   escalated: 12 % of replies, 32 % of actions (~15 % overall), routed to queues by reason;
--   a person decides after 30 s .. 2 h (squared distribution: median ~30 min); what would be decided in
--   the future is still open (PENDING_REVIEW, 1 in 10 AWAITING_INFORMATION);
--   human decisions: APPROVE 62 %, EDIT 20 %, REJECT 12 %, TAKE_OVER 3 %, VETO 3 %;
--   auto-approved: 5 % sampled for post-action QA (OK 90 %, QUALITY_ISSUE 6 %, SHOULD_HAVE_ESCALATED 4 %);
--   human decisions: 3 % blind second review (85 % agree).
select setseed(0.4242);
insert into ovs_proposal (id, agent_id, idempotency_key, body_hash, type, workflow, channel, status, escalated, body,
  reasons, review, customer_message, outcome, created_at, updated_at, created_ms, queue, decided_at, decided_ms,
  due_at, decision, decided_by, decided_group, action_kind, qa_kind, qa_verdict, qa_by, qa_at, blind_decision)
select id, 'demo-agent', 'bench-hist-' || i, md5(id) || md5(i::text), type, workflow, channel,
  case when not escalated then (case when type = 'ACTION' then 'EXECUTED' else 'APPROVED' end)
       when decided_at is null then (case when r_open < 0.1 then 'AWAITING_INFORMATION' else 'PENDING_REVIEW' end)
       when decision = 'APPROVE' then (case when type = 'ACTION' then (case when r_exec < 0.05 then 'EXECUTION_FAILED' else 'EXECUTED' end) else 'APPROVED' end)
       when decision = 'EDIT' then (case when type = 'ACTION' then 'EXECUTED' else 'EDITED' end)
       when decision = 'TAKE_OVER' then 'TAKEN_OVER'
       else 'REJECTED' end,
  escalated,
  '{"idempotencyKey":"bench-hist-' || i || '","type":"' || type || '","workflow":"' || workflow || '","channel":"' || channel
    || '","conversation":{"id":"conv-' || i || '","messages":[{"role":"customer","text":"Hi! When will my order o-' || (i % 99991)
    || ' arrive? I ordered it last week and the tracking page has not changed since.","at":"' || to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    || '"}]},"customer":{"id":"cus-' || (i % 50021) || '","name":"Customer ' || (i % 50021) || '","segment":"standard"},'
    || '"sources":[{"title":"Order tracking","url":"https://tracking.example.com/o-' || (i % 99991) || '","excerpt":"In transit, expected in two days."}],'
    || '"attemptedSteps":["looked up the order","checked the carrier status"],'
    || case when type = 'ACTION' then '"action":{"kind":"' || action_kind || '","amount":' || amount || ',"currency":"EUR","parameters":{"orderId":"o-' || (i % 99991) || '"},"irreversible":false,"summary":"' || action_kind || ' for order o-' || (i % 99991) || '"},'
           else '"reply":{"text":"Your order is on its way and should arrive within two days. You can follow it on the tracking page."},' end
    || '"agent":{"id":"support-bot","confidence":' || round(confidence::numeric, 2) || '}}',
  case when escalated then '[{"code":"' || reason || '","detail":"bench"}]' else '[]' end,
  case when escalated then '{"queue":"' || queue || '","priority":' || priority || ',"dueAt":"' || to_char(due_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    || '","controlModel":"' || case when type = 'ACTION' then 'APPROVAL_BEFORE_ACTION' else 'REVIEW_BEFORE_SEND' end || '","assignee":null}' end,
  case when escalated and decided_at is null then 'Thanks for your patience. A specialist is checking this and will get back to you soon.' end,
  case when decided_at is not null then '{"decision":"' || decision || '","decidedBy":"' || decided_by || '","decidedAt":"'
    || to_char(decided_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '","changed":' || (decision = 'EDIT') || '}' end,
  created_at, coalesce(decided_at, created_at), (extract(epoch from created_at) * 1000)::bigint,
  case when escalated then queue end,
  decided_at, (extract(epoch from decided_at) * 1000)::bigint,
  case when escalated then due_at end,
  case when decided_at is not null then decision end,
  case when decided_at is not null then decided_by end,
  case when escalated and decided_at is not null then queue end,
  action_kind,
  case when qa_audit then 'POST_ACTION_AUDIT' when qa_blind then 'BLIND_REVIEW' end,
  case when qa_audit then (case when r_qa < 0.90 then 'OK' when r_qa < 0.96 then 'QUALITY_ISSUE' else 'SHOULD_HAVE_ESCALATED' end) end,
  case when qa_audit or qa_blind then 'quinn' end,
  case when qa_audit or qa_blind then least(decided_at + interval '3 hours' * r_qa, now() - interval '1 minute') end,
  case when qa_blind then (case when r_qa < 0.85 then decision else 'REJECT' end) end
from (
  select s.*,
    case when escalated then created_at + interval '30 seconds' + interval '2 hours' * r_wait * r_wait end as human_at
  from (
    select i, id, created_at, type, workflow, channel, confidence, action_kind, amount, r_open, r_exec, r_qa, r_wait, r_dec, r_who,
      escalated, queue, reason,
      case queue when 'support-leads' then 80 when 'trust-safety' then 90 when 'legal' then 70 when 'finance' then 85 else 50 end as priority,
      created_at + case queue when 'support-leads' then interval '15 minutes' when 'support-agents' then interval '30 minutes'
                              else interval '60 minutes' end as due_at
    from (
      select i, gen_random_uuid()::text as id,
        now() - interval '5 minutes' - (interval '7 days' - interval '30 minutes') * random() as created_at,
        case when r_type < 0.15 then 'ACTION' else 'REPLY' end as type,
        (array['orders','orders','orders','orders','orders','orders','orders','billing','billing','billing','billing','billing','billing',
               'account','account','account','account','default','default','default'])[1 + floor(random() * 20)::int] as workflow,
        (array['chat','chat','chat','chat','chat','chat','chat','chat','chat','chat','chat','chat','email','email','email','email',
               'email','email','email','voice'])[1 + floor(random() * 20)::int] as channel,
        0.5 + 0.5 * random() as confidence,
        case when r_type < 0.15 then (array['REFUND','REFUND','REFUND','REFUND','REFUND','REFUND','REFUND','REFUND','REFUND',
          'CREDIT','CREDIT','CREDIT','CREDIT','CANCELLATION','CANCELLATION','CANCELLATION','CANCELLATION','ACCOUNT_UPDATE',
          'ACCOUNT_UPDATE','DATA_EXPORT'])[1 + floor(random() * 20)::int] end as action_kind,
        round((5 + random() * random() * 3000)::numeric, 2) as amount,
        random() as r_open, random() as r_exec, random() as r_qa, random() as r_wait, random() as r_dec, random() as r_who,
        r_esc < case when r_type < 0.15 then 0.32 else 0.12 end as escalated,
        q.queue, q.reason
      from (select i, random() as r_type, random() as r_esc, random() as r_queue from generate_series(1, :rows) i) g
      cross join lateral (select
          case when r_queue < 0.35 then 'support-agents' when r_queue < 0.65 then 'support-leads' when r_queue < 0.80 then 'billing'
               when r_queue < 0.90 then 'trust-safety' when r_queue < 0.95 then 'legal' else 'finance' end as queue,
          case when r_queue < 0.20 then 'LOW_CONFIDENCE' when r_queue < 0.28 then 'MISSING_CONTEXT' when r_queue < 0.35 then 'CUSTOMER_REQUESTED_HUMAN'
               when r_queue < 0.50 then 'ANGRY_CUSTOMER' when r_queue < 0.58 then 'VIP_CUSTOMER' when r_queue < 0.65 then 'HIGH_VALUE'
               when r_queue < 0.80 then 'BILLING_DISPUTE' when r_queue < 0.90 then 'SECURITY_CONCERN' when r_queue < 0.95 then 'SENSITIVE_TOPIC'
               else 'HIGH_VALUE' end as reason) q
    ) b
  ) s
) h
cross join lateral (select
    case when not h.escalated then h.created_at + interval '50 milliseconds'
         when h.human_at < now() then h.human_at end as decided_at,
    case when not h.escalated then 'APPROVE'
         when h.r_dec < 0.62 then 'APPROVE' when h.r_dec < 0.82 then 'EDIT' when h.r_dec < 0.94 then 'REJECT'
         when h.r_dec < 0.97 then 'TAKE_OVER' else 'VETO' end as decision,
    case when not h.escalated then 'system:escalationRules'
         else h.queue || '-reviewer-' || (1 + floor(h.r_who * 8)::int) end as decided_by,
    not h.escalated and h.r_open < 0.05 as qa_audit,
    h.escalated and h.human_at < now() and h.r_open < 0.03 as qa_blind
  ) d;
