-- Trust: the access log. One row for every time someone reached (or tried to reach) a person's
-- personal data: a reveal by staff, an API read, an export, an erasure. It holds ids and codes
-- only; the staff-written purpose text is sealed under the person it is about, so it goes with
-- their data when they are erased.
create table trust.access_log (
    id                  bigserial primary key,
    at                  timestamptz not null,
    -- whose data: a vault subject; null when a refused attempt could not name one
    subject_id          uuid,
    -- reveal, api-read, export, erase, retention
    action              text not null check (action in ('reveal', 'api-read', 'export', 'erase', 'retention')),
    outcome             text not null check (outcome in ('granted', 'denied')),
    -- which personal fields, by name (first_name, email, ...), never their values
    fields              text[] not null default '{}',
    purpose             text check (length(purpose) <= 50),
    purpose_detail      bytea,
    -- what the data was reached through, e.g. a request reference
    resource            text check (length(resource) <= 100),
    -- who: staff (an account), api (an API key), citizen (the person themself), system (a job)
    viewer_kind         text not null check (viewer_kind in ('staff', 'api', 'citizen', 'system')),
    viewer_id           uuid,
    viewer_role         text check (length(viewer_role) <= 50),
    viewer_team_id      uuid,
    viewer_team         text check (length(viewer_team) <= 200),
    viewer_organisation text check (length(viewer_organisation) <= 200),
    check (purpose_detail is null or subject_id is not null)
);

create index access_log_subject on trust.access_log (subject_id, at desc) where subject_id is not null;
