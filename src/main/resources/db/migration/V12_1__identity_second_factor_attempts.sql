-- Identity: wrong second-factor codes are counted per account in the database (not in the session),
-- so neither parallel requests nor signing in again with the password starts the count afresh.
-- SecondFactor#verify locks the credential row, decides, checks and counts in one transaction.
alter table identity.totp_credential
    add column failed_attempts int not null default 0,
    add column last_failed_at  timestamptz,
    add column locked_until    timestamptz;
