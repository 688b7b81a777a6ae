-- Whether a resident may make a request for the service without giving contact details. Reports
-- of problems in the street usually may; applications (a permit, a booked collection) may not,
-- because the body has to answer the person.
alter table catalogue.service
    add column anonymous_requests boolean not null default true;
