-- Platform: the first answer to every native API POST sent with an Idempotency-Key, replayed to
-- retries (it moves here from requests.idempotency so that every /api/v1 POST has it).
-- Answers can hold personal data or secrets (a new staff member's name and first password, a new
-- API key), so nothing here is readable without the Idempotency-Key itself: the key is stored only
-- as a hash, the request only as an HMAC under a key derived from it, and the answer is sealed
-- with AES-256-GCM under another key derived from it. Only the client that has the key can replay.
create table platform.idempotency (
    caller       text not null check (length(caller) between 1 and 200),
    key_hash     bytea not null check (length(key_hash) = 32),
    request_mac  bytea not null check (length(request_mac) = 32),
    -- 0 while the first request is being answered (inside its own transaction, so never seen by others)
    status       integer not null check (status = 0 or status between 200 and 299),
    content_type text check (length(content_type) <= 200),
    body_sealed  bytea check ((status = 0) = (body_sealed is null)),
    created_at   timestamptz not null,
    primary key (caller, key_hash)
);

create index idempotency_created_at on platform.idempotency (created_at);

drop table requests.idempotency;
