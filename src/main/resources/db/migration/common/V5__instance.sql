-- The instances taking part in a run together (run --shared): who and where, which sites they
-- are limited to, and their last sign of life. The units of work each holds are leases of scope
-- 'unit:<run id>/<unit id>' in the lease table, with the same heartbeat, take-over and fencing.
create table instance (
    id           varchar(64)   not null primary key,
    run_id       varchar(64)   not null,
    host         varchar(255)  not null,
    pid          bigint        not null,
    actor        varchar(255)  not null,
    sites        varchar(2000) not null,
    started_at   varchar(40)   not null,
    heartbeat_at varchar(40)   not null,
    stopped_at   varchar(40)
);
