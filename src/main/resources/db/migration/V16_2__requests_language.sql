-- Requests: the language a request was made in (issue 20), so a caseworker knows to reply in Welsh.
-- Requests made before Civitas spoke Welsh were made in English.
alter table requests.service_request
    add column language text not null default 'en' check (language in ('en', 'cy'));
