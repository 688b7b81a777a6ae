-- Trust: the key of the look-up hashes (e.g. an account found by e-mail) is stored wrapped by the
-- master key, like a data key, so that rotating the master key re-wraps it and every stored hash
-- still matches. It was derived from the master key before, so a rotation changed every hash and
-- nobody could sign in. Filled at the next start from the current master key (the same key as before).
alter table trust.master_key
    add column lookup_key_wrapped bytea;
