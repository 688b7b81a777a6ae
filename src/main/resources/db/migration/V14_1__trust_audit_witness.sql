-- Trust: a witnessed audit log (issue 12, docs/audit.md, decision 0018).
--
-- The sequencer now signs a checkpoint at least every few minutes even when nothing new was
-- logged, so a witness sees the log is alive and a cut-off tail cannot hide behind silence. Such a
-- checkpoint repeats the tree size of the one before it: a checkpoint is now identified by its
-- tree size and its signing time. An empty log gets a signed checkpoint of size 0 too.
alter table trust.audit_checkpoint drop constraint audit_checkpoint_pkey;
alter table trust.audit_checkpoint drop constraint audit_checkpoint_tree_size_check;
alter table trust.audit_checkpoint add constraint audit_checkpoint_tree_size_check check (tree_size >= 0);
alter table trust.audit_checkpoint add primary key (tree_size, signed_at);

-- Each queued entry carries an HMAC-SHA256 under a key derived from the audit signing key, which
-- never reaches the database: the sequencer refuses (and records) a row it did not write. Rows
-- queued before this migration get their MAC from the Java migration 14.2 (trust.audit.QueueMacMigration).
alter table trust.audit_queue add column mac bytea;
