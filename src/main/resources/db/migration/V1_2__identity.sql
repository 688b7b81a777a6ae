-- Identity: accounts, roles, team membership, second factor, OpenID Connect links, API keys,
-- sign-in throttling and the shared HTTP sessions (Spring Session JDBC).
create schema if not exists identity;

create table identity.account (
    id              uuid primary key,
    kind            text not null check (kind in ('citizen', 'staff')),
    email           text not null,
    display_name    text not null default '',
    password_hash   text,
    created_at      timestamptz not null,
    disabled_at     timestamptz
);
create unique index account_email_unique on identity.account (lower(email));

create table identity.account_role (
    account_id  uuid not null references identity.account (id) on delete cascade,
    role        text not null check (role in ('citizen', 'caseworker', 'service_manager', 'administrator')),
    primary key (account_id, role)
);

-- team_id names a catalogue team; no foreign key across module schemas.
create table identity.team_membership (
    account_id  uuid not null references identity.account (id) on delete cascade,
    team_id     uuid not null,
    primary key (account_id, team_id)
);

create table identity.totp_credential (
    account_id      uuid primary key references identity.account (id) on delete cascade,
    secret          bytea not null,
    confirmed_at    timestamptz,
    last_used_step  bigint not null default 0
);

create table identity.recovery_code (
    account_id  uuid not null references identity.account (id) on delete cascade,
    code_hash   bytea not null,
    used_at     timestamptz,
    primary key (account_id, code_hash)
);

create table identity.oidc_link (
    issuer      text not null,
    subject     text not null,
    account_id  uuid not null references identity.account (id) on delete cascade,
    linked_at   timestamptz not null,
    primary key (issuer, subject)
);

create table identity.api_key (
    id            uuid primary key,
    key_hash      bytea not null unique,
    display_prefix text not null,
    name          text not null check (length(name) between 1 and 200),
    owner         text not null check (length(owner) between 1 and 200),
    scopes        text[] not null,
    created_at    timestamptz not null,
    created_by    uuid,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    revoked_by    uuid
);

-- One row per throttled key (an account identifier or a client address), never the plain e-mail.
create table identity.sign_in_throttle (
    throttle_key     text primary key,
    failures         int not null,
    last_failure_at  timestamptz not null,
    locked_until     timestamptz
);

create table identity.spring_session (
    primary_id             char(36) not null,
    session_id             char(36) not null,
    creation_time          bigint not null,
    last_access_time       bigint not null,
    max_inactive_interval  int not null,
    expiry_time            bigint not null,
    principal_name         varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on identity.spring_session (session_id);
create index spring_session_ix2 on identity.spring_session (expiry_time);
create index spring_session_ix3 on identity.spring_session (principal_name);

create table identity.spring_session_attributes (
    session_primary_id  char(36) not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references identity.spring_session (primary_id) on delete cascade
);
