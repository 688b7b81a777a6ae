-- Catalogue: how many days after a request is finished its requester's personal data is kept.
alter table catalogue.service
    add column retention_days integer not null default 365 check (retention_days between 1 and 36500);
