-- Requests: when a request was finished (resolved, closed, rejected or a duplicate), so that the
-- retention job finds those whose requester data is due for erasure; and when it was erased.
alter table requests.service_request
    add column finished_at         timestamptz,
    add column requester_erased_at timestamptz;

update requests.service_request r set finished_at = coalesce(
    (select max(e.at) from requests.case_event e where e.request_id = r.id and e.to_status = r.status), r.updated_at)
where r.status in ('resolved', 'closed', 'rejected', 'duplicate');

create index service_request_retention on requests.service_request (finished_at)
    where finished_at is not null and requester_subject is not null and requester_erased_at is null;
