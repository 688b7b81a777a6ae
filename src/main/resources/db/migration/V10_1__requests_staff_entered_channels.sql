-- Requests: a caseworker may enter a request for a resident who phoned (channel phone) or came to
-- the counter (channel counter), from the staff console or the native API (issue 12).
alter table requests.service_request drop constraint service_request_channel_check;
alter table requests.service_request add constraint service_request_channel_check
    check (channel in ('open311', 'web', 'api', 'staff', 'phone', 'counter'));
