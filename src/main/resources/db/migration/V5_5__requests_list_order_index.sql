-- Open311's GET requests.json lists newest first, then by reference, 1000 at a time. With the index on
-- requested_at alone PostgreSQL sorts each group of equal times again (an incremental sort); with
-- the reference in the index it reads the page in order and stops. It replaces the older index, so
-- a POST still maintains the same number of indexes. EXPLAIN ANALYZE over 100,000 rows: docs/benchmarks.md.
create index service_request_requested_at_reference on requests.service_request (requested_at desc, reference);
drop index requests.service_request_requested_at;
