-- Requesters' contact details, sealed in the trust module's vault under a subject of their own.
alter table requests.service_request
    add column requester_subject uuid,
    add column contact_sealed    bytea,
    add constraint service_request_contact_sealed check ((requester_subject is null) = (contact_sealed is null));
