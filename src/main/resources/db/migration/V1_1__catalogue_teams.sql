-- Catalogue: the body's teams. Services and their questions arrive with the services-and-cases work.
create schema if not exists catalogue;

create table catalogue.team (
    id    uuid primary key,
    code  text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name  text not null check (length(name) between 1 and 200)
);
