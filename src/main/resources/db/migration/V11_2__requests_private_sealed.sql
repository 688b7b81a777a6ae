-- Private stays private (issue 12). A request of a private service (an application, anything about
-- a person) is marked private when it is made, so keyless outputs leave it out even if the service
-- changes later. Its description, address and location, and every request's answers to personal
-- questions, are sealed for the requester (trust vault, under requester_subject, bound to the column
-- they belong to, as is a private request's media_url): erasure and retention destroy them with the contact details.
alter table requests.service_request
    add column private            boolean not null default false,
    add column description_sealed bytea,
    add column address_sealed     bytea,
    add column location_sealed    bytea,
    add column media_url_sealed   bytea,
    add column answers_sealed     bytea;

-- A request may now have a subject without contact details (an anonymous private request).
alter table requests.service_request drop constraint service_request_contact_sealed;
alter table requests.service_request add constraint service_request_sealed_subject check (
    requester_subject is not null or (contact_sealed is null and description_sealed is null and address_sealed is null
                                      and location_sealed is null and media_url_sealed is null and answers_sealed is null));

-- A private request's location is sealed: "located" counts the sealed columns too.
do $$
declare c record;
begin
    for c in select conname from pg_constraint
             where conrelid = 'requests.service_request'::regclass and contype = 'c'
               and pg_get_constraintdef(oid) like '%address_id IS NOT NULL%' loop
        execute format('alter table requests.service_request drop constraint %I', c.conname);
    end loop;
end $$;
alter table requests.service_request add constraint service_request_located check (
    lat is not null or address_string is not null or address_id is not null or location_sealed is not null
    or address_sealed is not null or requester_erased_at is not null);

-- A photo of a private request is sealed for the requester too (bytes then hold the sealed image).
alter table requests.photo add column sealed_subject uuid;
