-- bench/run.sh, after the baseline: the fixes proposed for the queue page (docs/benchmarks.md),
-- applied to the bench database only, then the queue page is measured again after a restart.
-- 1. The queues sort by priority desc, due date asc: with this index PostgreSQL reads the first
--    page in order and stops, instead of sorting every open task (external merge sort on disk).
create index if not exists ovs_ix_task_priority_due on act_ru_task (priority_ desc, due_date_ asc);
-- 2. The authorization check joins ACT_RU_AUTHORIZATION with "PERMS_ & 2 = 2": without statistics on
--    that expression PostgreSQL expects ~0.5 % of the rows (hundreds) where there is one per open
--    task, and scans them all once per candidate row (Materialize + join filter, O(tasks²)).
create statistics if not exists ovs_st_auth_perms_read on (perms_ & 2) from act_ru_authorization;
create statistics if not exists ovs_st_auth_perms_read_task on (perms_ & 64) from act_ru_authorization;
create statistics if not exists ovs_st_auth_type_group (dependencies, mcv) on type_, group_id_, resource_type_ from act_ru_authorization;
analyze act_ru_task;
analyze act_ru_authorization;
-- 3. The engine's queries are server-side prepared statements after 5 uses (pgjdbc prepareThreshold);
--    a generic plan cannot use the statistics of 2 ($4, $5 unknown). Custom plans for this database
--    (the same as prepareThreshold=0 in the JDBC URL):
alter database :"db" set plan_cache_mode = force_custom_plan;
