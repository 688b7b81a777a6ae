-- Identity: the language a signed-in person chose (issue 20, decision 0021), so the choice follows them
-- to another browser. Null until they choose: then the cookie, Accept-Language or the body's default decide.
alter table identity.account
    add column language text check (language in ('en', 'cy'));
