-- Every action a person takes on a migration (approve a gate, pause, resume, abort, roll back),
-- from the command line or the HTTP API: who, when, what, through which channel, and how it
-- ended, and the actions a viewer tried. Append-only, like the journal.
create table audit (
    seq      integer      not null primary key,
    at       varchar(40)  not null,
    actor    varchar(255) not null,
    channel  varchar(16)  not null,
    action   varchar(32)  not null,
    target   varchar(400),
    result   varchar(16)  not null,
    detail   text
);
