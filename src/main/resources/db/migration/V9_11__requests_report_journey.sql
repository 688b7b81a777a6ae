-- What a web report journey has put in our own tables before it became a request: its vault subject
-- for the contact details it sealed (the sealed bytes themselves live only in the HTTP session) and,
-- through requests.photo.journey_id, its photo. A row is written when the journey first stores
-- something, touched on every step, and removed once the request is stored; so a row whose journey
-- has been idle past civitas.retention.abandoned-journey-age proves an abandoned journey, and the
-- subject named here is provably one the journey made (decided by AbandonedJourneys).
create table requests.report_journey (
    id              uuid primary key,
    contact_subject uuid,
    last_active_at  timestamptz not null
);

create index report_journey_idle on requests.report_journey (last_active_at);

-- unattached photos by age, for photos whose journey left no row (stored before this table existed)
create index photo_unattached on requests.photo (uploaded_at) where request_id is null;
