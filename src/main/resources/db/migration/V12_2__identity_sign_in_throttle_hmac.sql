-- Identity: sign-in throttle rows are now keyed with an HMAC under the vault's lookup key (a key
-- that is not in the database), never a bare hash of the typed e-mail or the plain address. The
-- rows keyed the old way are dropped (they last 15 minutes at most anyway), and an index lets the
-- purge job find the rows whose window has passed.
delete from identity.sign_in_throttle;
create index sign_in_throttle_last_failure on identity.sign_in_throttle (last_failure_at);
