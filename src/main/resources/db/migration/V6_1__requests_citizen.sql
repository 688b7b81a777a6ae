-- Requests: what residents add on the web. Photos are kept here, not on a node's disk, so that any
-- node serves them; free text residents give (satisfaction comments, page feedback) is sealed in
-- the trust module's vault under a subject of its own.

-- A photo a resident uploaded, already re-encoded without its metadata. journey_id ties it to the
-- report being made until the request is stored; then request_id is set.
create table requests.photo (
    id           uuid primary key,
    journey_id   uuid not null,
    request_id   uuid references requests.service_request (id),
    content_type text not null check (content_type in ('image/jpeg', 'image/png')),
    width        integer not null check (width > 0),
    height       integer not null check (height > 0),
    bytes        bytea not null check (octet_length(bytes) <= 16777216),
    uploaded_at  timestamptz not null
);

create index photo_request on requests.photo (request_id) where request_id is not null;
create index photo_journey on requests.photo (journey_id);

-- The secret of the link given on the confirmation page: whoever holds it may say how satisfied
-- they are once the request is finished. Only its SHA-256 is kept.
create table requests.satisfaction_key (
    request_id uuid primary key references requests.service_request (id),
    key_hash   bytea not null
);

-- One answer per request on the 5-point scale (1 very dissatisfied … 5 very satisfied).
create table requests.satisfaction (
    request_id      uuid primary key references requests.service_request (id),
    rating          smallint not null check (rating between 1 and 5),
    comment_subject uuid,
    comment_sealed  bytea,
    given_at        timestamptz not null,
    check ((comment_subject is null) = (comment_sealed is null))
);

-- "Report a problem with this page": which page, and what the person said (sealed: it is free text).
create table requests.page_feedback (
    id              uuid primary key,
    page_path       text not null check (length(page_path) between 1 and 2000),
    message_subject uuid not null,
    message_sealed  bytea not null,
    given_at        timestamptz not null
);
