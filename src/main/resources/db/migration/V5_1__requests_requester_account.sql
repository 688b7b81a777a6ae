-- The account of a signed-in resident who made a request on the web, so that "Your requests" and
-- "Who has seen my data" can find their requests. Null for anonymous requests and for requests
-- from Open311 or the API. An identity account id (no foreign key across module schemas).
alter table requests.service_request
    add column requester_account uuid;

create index service_request_requester_account on requests.service_request (requester_account, requested_at desc)
    where requester_account is not null;
