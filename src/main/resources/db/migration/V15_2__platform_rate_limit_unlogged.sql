-- Rate-limit buckets are counters of the last window, not records: losing them resets every limit to
-- full, which is what a restart of an in-memory limiter would do. Unlogged, their writes skip the
-- write-ahead log, so the statement a limited request costs no longer waits for a WAL flush
-- (bench/open311, docs/decisions/0017). PostgreSQL empties an unlogged table after a crash, and a
-- standby does not have its rows: a failover starts every limit afresh.
alter table platform.rate_limit_bucket set unlogged;
