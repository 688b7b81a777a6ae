-- Issue 20: a service's words in Welsh beside the English (decision 0022). The Welsh twin of each
-- column a resident reads; null until a service manager writes it. A version's questions carry
-- theirs inside the jsonb document (description_cy, datatype_description_cy, and name_cy on each
-- value), absent until written. Publishing needs them when the body offers Welsh (CIVITAS_LANGUAGES);
-- that rule is the catalogue's (ServiceRules), not the table's, because drafts may be incomplete.
alter table catalogue.service_version
    add column name_cy        text check (name_cy is null or length(name_cy) between 1 and 200),
    add column description_cy text check (description_cy is null or length(description_cy) <= 4000);
