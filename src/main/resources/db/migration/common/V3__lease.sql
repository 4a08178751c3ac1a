-- Who drives what. A process that carries out a run (or rolls it back) holds the lease of scope
-- 'run' for as long as it acts, renewing heartbeat_at; another process is refused while the
-- holder lives, and takes the lease over once the holder's process is gone or its heartbeat is
-- older than the lease's term. Every take-over raises token by one, and the holder's journal
-- writes check it (the fencing token), so a process that lost its lease cannot write. A lease is
-- released, not deleted, so its token keeps rising. Times are ISO-8601 instants, compared by the
-- reader, never in SQL, so the same text serves every dialect.
create table lease (
    scope        varchar(400) not null primary key,
    holder       varchar(64)  not null,
    host         varchar(255) not null,
    pid          bigint       not null,
    actor        varchar(255) not null,
    acquired_at  varchar(40)  not null,
    heartbeat_at varchar(40)  not null,
    released_at  varchar(40),
    token        bigint       not null
);
