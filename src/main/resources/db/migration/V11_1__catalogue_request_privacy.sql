-- Whether a service's requests are about a public place ('public': a pothole, graffiti) or about a
-- person ('private': an application, a noise complaint). Private requests never appear in keyless
-- outputs, and their address, location, description and photos are sealed for the requester.
alter table catalogue.service
    add column privacy text not null default 'public' check (privacy in ('public', 'private'));

-- Existing services: those that refuse anonymous requests are applications (someone has to be
-- answered), so private; so are the demo body's noise complaints and permit applications.
update catalogue.service set privacy = 'private'
where anonymous_requests = false or type = 'batch' or code in ('parking-permit', 'noise', 'bulky-waste');

-- Each question says whether its answer is personal data ("personal" in the version's jsonb; false
-- when missing). Existing versions: a vehicle registration, where someone's items are and how
-- often a neighbour's noise happens are about a person.
update catalogue.service_version v set questions = (
    select coalesce(jsonb_agg(case when q ->> 'code' in ('vehicle_registration', 'access', 'pattern')
                                   then q || '{"personal": true}'::jsonb else q end order by ordinality), '[]'::jsonb)
    from jsonb_array_elements(v.questions) with ordinality as e(q, ordinality))
where exists (select 1 from jsonb_array_elements(v.questions) q where q ->> 'code' in ('vehicle_registration', 'access', 'pattern'));
