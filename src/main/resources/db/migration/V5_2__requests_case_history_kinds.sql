-- Requests: a case's history holds more than status changes. Each row now says what it is:
--   transition  a status change by staff, an API client or Civitas (as before);
--   assignment  the case was assigned to a member of staff (assigned_to), by the actor;
--   comment     an update sent through Open311 servicerequestupdates (FixMyStreet and others): the
--               resident's text as the public note, an optional photo, and the status the client
--               reported; it may reopen a closed case (to_status).
-- update_id is the row's stable public id (Open311 update_id). client_update_id is the sending
-- client's own id for a comment: a retry with the same one is answered with the first row.
-- The person behind a comment is personal data: sealed in the trust vault under a subject of its own.
alter table requests.case_event
    add column kind             text not null default 'transition' check (kind in ('transition', 'assignment', 'comment')),
    add column update_id        uuid not null default gen_random_uuid(),
    add column assigned_to      uuid,
    add column client_update_id text check (length(client_update_id) between 1 and 100),
    add column reported_status  text check (length(reported_status) <= 40),
    add column reported_at      timestamptz,
    add column media_url        text check (length(media_url) <= 2000),
    add column contact_subject  uuid,
    add column contact_sealed   bytea,
    add constraint case_event_assignment check ((kind = 'assignment') = (assigned_to is not null)),
    add constraint case_event_comment check (kind = 'comment' or (client_update_id is null and reported_status is null
        and reported_at is null and media_url is null and contact_subject is null)),
    add constraint case_event_contact_sealed check ((contact_subject is null) = (contact_sealed is null));

create unique index case_event_update_id on requests.case_event (update_id);
-- one comment per client id and API client: what makes a retry idempotent
create unique index case_event_client_update on requests.case_event (actor_id, client_update_id)
    where client_update_id is not null;
-- the Open311 updates feed reads the public history by time
create index case_event_at on requests.case_event (at desc, id desc) where kind in ('transition', 'comment');
