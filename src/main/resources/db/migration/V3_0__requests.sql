-- Requests: service requests (cases) as they come in from Open311, the web, the native API or staff.
create schema if not exists requests;

-- One service request. It keeps the service version it was made under, so its answers are read
-- against the questions that were asked. Contact details are not stored here: they are personal
-- data and will be held by the trust module's vault, linked by the request's id.
create table requests.service_request (
    id              uuid primary key,
    -- the public reference residents and apps quote, e.g. RBC-7K3M-9Q2P (no 0/O, 1/I/L, U)
    reference       text not null unique check (reference ~ '^[A-Z]{1,6}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$'),
    service_id      uuid not null,
    service_code    text not null,
    service_version integer not null check (service_version >= 1),
    status          text not null check (status in ('submitted', 'acknowledged', 'in_progress', 'resolved',
                                                    'closed', 'rejected', 'duplicate', 'reopened')),
    description     text check (length(description) <= 4000),
    lat             numeric(9, 6) check (lat between -90 and 90),
    long            numeric(10, 6) check (long between -180 and 180),
    address_string  text check (length(address_string) <= 1000),
    address_id      text check (length(address_id) <= 200),
    media_url       text check (length(media_url) <= 2000),
    answers         jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
    channel         text not null check (channel in ('open311', 'web', 'api', 'staff')),
    requested_at    timestamptz not null,
    updated_at      timestamptz not null,
    expected_at     timestamptz,
    -- for batch services: what the client was given instead of the request id
    token           text unique,
    check ((lat is null) = (long is null)),
    check (lat is not null or address_string is not null or address_id is not null)
);

create index service_request_requested_at on requests.service_request (requested_at desc);
create index service_request_service_code on requests.service_request (service_code, requested_at desc);
