-- Platform: a kept Idempotency-Key answer is replayed only to a caller whose rights are still those
-- it was first given under (an API key's scopes, an account's roles and teams, read afresh). The rights
-- are kept only as an HMAC under a key derived from the Idempotency-Key, like the request itself.
-- Rows kept before this column have none, and are not replayed (they expire within a day).
alter table platform.idempotency add column rights bytea check (length(rights) = 32);
