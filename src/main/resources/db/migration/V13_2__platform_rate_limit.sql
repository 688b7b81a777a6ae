-- Platform: rate-limit buckets shared by every node (Bucket4j's token buckets, stored in PostgreSQL).
-- The layout is Bucket4j's PostgreSQL one (id, state, expires_at in epoch milliseconds); a row is
-- written by compare-and-swap on its state, one statement per request in the steady state
-- (docs/decisions/0017). An id is the limit's name and an HMAC of who is counted (a client address,
-- an API key id) under platform.rate_limit_key, never the address itself. A bucket that has refilled
-- completely is of no use: expires_at says when, and RateLimitCleaner deletes expired rows.
create table platform.rate_limit_bucket (
    id          text primary key check (length(id) between 1 and 120),
    state       bytea not null,
    expires_at  bigint not null
);

create index rate_limit_bucket_expires_at on platform.rate_limit_bucket (expires_at);

-- The key under which who is counted is hashed: random, made once by the first node to start.
create table platform.rate_limit_key (
    id   smallint primary key check (id = 1),
    key  bytea not null check (length(key) = 32)
);
