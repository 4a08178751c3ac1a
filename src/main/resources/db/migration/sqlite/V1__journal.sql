-- The journal: append-only. Every attempt at every step (and every item of a move step) is
-- written before it starts (event 'begin') and after it ends (event 'end'); status, resume and
-- rollback are computed from these rows, never from mutable state.
create table run (
    id            varchar(64)  not null primary key,
    plan_checksum varchar(64)  not null,
    plan_json     text         not null,
    deployment    varchar(64)  not null,
    created_at    varchar(40)  not null
);

create table journal (
    seq        integer      not null primary key,
    run_id     varchar(64)  not null references run (id),
    step_id    varchar(400) not null,
    item       varchar(400),
    action     varchar(8)   not null,
    attempt    integer      not null,
    event      varchar(8)   not null,
    outcome    varchar(16),
    from_pool  varchar(255),
    to_pool    varchar(255),
    detail     text,
    at         varchar(40)  not null,
    actor      varchar(255) not null
);

create index journal_step on journal (run_id, step_id);

-- Requests from operators to a running executor (pause, abort) and their answers (resume).
create table control (
    seq      integer      not null primary key,
    run_id   varchar(64)  not null references run (id),
    request  varchar(16)  not null,
    actor    varchar(255) not null,
    at       varchar(40)  not null
);
