-- Account e-mail addresses and names move into the trust module's vault (decision 0005 ends):
-- sealed per person, found by a keyed hash. The clear columns stay nullable for one release so
-- that AccountPersonalDataMove can seal what an earlier version stored; a later migration drops them.
alter table identity.account
    add column subject_id   uuid,
    add column email_lookup bytea,
    add column email_sealed bytea,
    add column name_sealed  bytea,
    alter column email drop not null,
    alter column display_name drop not null;
drop index identity.account_email_unique;
create unique index account_email_lookup_unique on identity.account (email_lookup);
alter table identity.account add constraint account_personal_data_sealed
    check (email is not null or (subject_id is not null and email_lookup is not null
                                 and email_sealed is not null and name_sealed is not null));
