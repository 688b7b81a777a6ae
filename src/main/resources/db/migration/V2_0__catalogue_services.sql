-- Catalogue: services, their versions and questions, and the body's bank holidays.

-- A service's unversioned facts. name, description and questions live in its versions.
create table catalogue.service (
    id              uuid primary key,
    code            text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    status          text not null check (status in ('draft', 'live', 'retired')),
    service_group   text check (length(service_group) <= 100),
    keywords        text[] not null default '{}',
    type            text not null check (type in ('realtime', 'batch', 'blackbox')),
    team_id         uuid not null references catalogue.team (id),
    sla_amount      integer not null check (sla_amount > 0),
    sla_unit        text not null check (sla_unit in ('working_days', 'working_hours')),
    current_version integer not null check (current_version >= 1),
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create index service_live_by_group on catalogue.service (service_group) where status = 'live';

-- What a service asked at one point. A draft's version 1 changes in place; once the service is live,
-- a change to its name, description or questions adds a version and earlier ones stay as they were,
-- because requests keep the version they were made under.
--
-- Questions are a jsonb array here rather than a question table: a version's questions are one
-- immutable document, always written and read whole with their version and never queried one by one,
-- and they are checked (codes, datatypes, list values) in Java before they are written.
create table catalogue.service_version (
    service_id   uuid not null references catalogue.service (id),
    version      integer not null check (version >= 1),
    name         text not null check (length(name) between 1 and 200),
    description  text not null default '' check (length(description) <= 4000),
    questions    jsonb not null default '[]' check (jsonb_typeof(questions) = 'array'),
    created_at   timestamptz not null,
    published_at timestamptz,
    primary key (service_id, version)
);

-- Days the body does not work although they fall on a working weekday.
create table catalogue.bank_holiday (
    day  date primary key,
    name text not null check (length(name) between 1 and 200)
);

-- England and Wales (GOV.UK bank holidays).
insert into catalogue.bank_holiday (day, name) values
    ('2026-01-01', 'New Year’s Day'),
    ('2026-04-03', 'Good Friday'),
    ('2026-04-06', 'Easter Monday'),
    ('2026-05-04', 'Early May bank holiday'),
    ('2026-05-25', 'Spring bank holiday'),
    ('2026-08-31', 'Summer bank holiday'),
    ('2026-12-25', 'Christmas Day'),
    ('2026-12-28', 'Boxing Day (substitute day)'),
    ('2027-01-01', 'New Year’s Day'),
    ('2027-03-26', 'Good Friday'),
    ('2027-03-29', 'Easter Monday'),
    ('2027-05-03', 'Early May bank holiday'),
    ('2027-05-31', 'Spring bank holiday'),
    ('2027-08-30', 'Summer bank holiday'),
    ('2027-12-27', 'Christmas Day (substitute day)'),
    ('2027-12-28', 'Boxing Day (substitute day)');
