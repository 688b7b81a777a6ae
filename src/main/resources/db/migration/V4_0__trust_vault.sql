-- Trust: the personal-data vault. Data keys are stored wrapped by the master key; the master key
-- itself never reaches the database, only a check value that proves which key sealed it.
create schema if not exists trust;

create table trust.master_key (
    id           smallint primary key check (id = 1),
    fingerprint  text not null,
    check_value  bytea not null,
    created_at   timestamptz not null,
    rotated_at   timestamptz
);

create table trust.data_key (
    subject_id   uuid primary key,
    wrapped_key  bytea,
    created_at   timestamptz not null,
    erased_at    timestamptz,
    check ((wrapped_key is null) = (erased_at is not null))
);
