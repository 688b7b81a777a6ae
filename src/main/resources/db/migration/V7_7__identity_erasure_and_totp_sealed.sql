-- Identity: an erased account (the person asked for their data to be deleted) keeps its id and
-- roles, so ids in the audit log still resolve, but nothing that identifies the person: its data
-- key is destroyed and its e-mail look-up hash removed.
alter table identity.account add column erased_at timestamptz;
alter table identity.account drop constraint account_personal_data_sealed;
alter table identity.account add constraint account_personal_data_sealed
    check (email is not null or erased_at is not null
           or (subject_id is not null and email_lookup is not null and email_sealed is not null and name_sealed is not null));

-- Staff's authenticator secrets move into the vault, sealed under the account's subject.
-- TotpSecretMove seals what is still in clear at start-up, then clears it.
alter table identity.totp_credential
    add column secret_sealed bytea,
    alter column secret drop not null,
    add constraint totp_credential_secret check (secret is not null or secret_sealed is not null);
