-- Requests: the case lifecycle. Who a case is assigned to, which request it duplicates, the latest
-- public note (Open311's status_notes), the history of every transition, and the answers given to
-- native API POSTs carrying an Idempotency-Key.
alter table requests.service_request
    add column assigned_to  uuid,
    add column duplicate_of uuid references requests.service_request (id),
    add column status_note  text check (length(status_note) <= 4000),
    add constraint service_request_duplicate_of check ((status = 'duplicate') = (duplicate_of is not null));

create index service_request_assigned_to on requests.service_request (assigned_to) where assigned_to is not null;
create index service_request_open_expected on requests.service_request (expected_at)
    where status in ('submitted', 'acknowledged', 'in_progress', 'reopened');

-- One row per transition, in order. Notes are staff text: never put in events.
create table requests.case_event (
    id            bigserial primary key,
    request_id    uuid not null references requests.service_request (id),
    from_status   text not null,
    to_status     text not null,
    -- staff: an identity account id; api: an API key id; system: no id
    actor_kind    text not null check (actor_kind in ('staff', 'api', 'system')),
    actor_id      uuid,
    public_note   text check (length(public_note) <= 4000),
    internal_note text check (length(internal_note) <= 4000),
    at            timestamptz not null,
    check ((actor_kind = 'system') = (actor_id is null))
);

create index case_event_request on requests.case_event (request_id, id);

-- The first answer to a native API POST sent with an Idempotency-Key, replayed to retries.
create table requests.idempotency (
    key          text not null check (length(key) between 1 and 255),
    caller       text not null,
    request_hash text not null,
    status       integer not null,
    body         text,
    created_at   timestamptz not null,
    primary key (caller, key)
);
