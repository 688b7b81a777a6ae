-- Trust: the tamper-evident audit log (RFC 6962 Merkle tree, docs/audit.md).
-- Writers add entries to audit_queue inside the transaction that makes the change; the sequencer
-- moves them into audit_log in batches with consecutive sequence numbers, stores the completed
-- subtree hashes (audit_node) and signs a checkpoint of the tree. The log, its nodes and its
-- checkpoints are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE for every role
-- (superusers included, unless they disable the trigger, which verification then detects).

create table trust.audit_queue (
    id         bigserial primary key,
    entry      bytea not null,
    queued_at  timestamptz not null default now()
);

create table trust.audit_log (
    seq          bigint primary key check (seq >= 0),
    entry        bytea not null,
    leaf_hash    bytea not null check (length(leaf_hash) = 32),
    sequenced_at timestamptz not null
);

-- Hash of the perfect subtree of 2^level leaves starting at leaf idx * 2^level (level >= 1; the
-- leaves themselves are audit_log.leaf_hash), so adding a batch and building proofs read
-- O(log n) rows instead of rehashing the whole log.
create table trust.audit_node (
    level  smallint not null check (level between 1 and 62),
    idx    bigint not null check (idx >= 0),
    hash   bytea not null check (length(hash) = 32),
    primary key (level, idx)
);

create table trust.audit_checkpoint (
    tree_size  bigint primary key check (tree_size > 0),
    root_hash  bytea not null check (length(root_hash) = 32),
    signed_at  timestamptz not null,
    signature  bytea not null
);

create function trust.audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % on %.% is refused', tg_op, tg_table_schema, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_append_only before update or delete on trust.audit_log
    for each row execute function trust.audit_append_only();
create trigger audit_log_no_truncate before truncate on trust.audit_log
    for each statement execute function trust.audit_append_only();
create trigger audit_node_append_only before update or delete on trust.audit_node
    for each row execute function trust.audit_append_only();
create trigger audit_node_no_truncate before truncate on trust.audit_node
    for each statement execute function trust.audit_append_only();
create trigger audit_checkpoint_append_only before update or delete on trust.audit_checkpoint
    for each row execute function trust.audit_append_only();
create trigger audit_checkpoint_no_truncate before truncate on trust.audit_checkpoint
    for each statement execute function trust.audit_append_only();

-- Belt and braces for deployments where the application connects as a role that is not the owner.
revoke update, delete, truncate on trust.audit_log, trust.audit_node, trust.audit_checkpoint from public;
