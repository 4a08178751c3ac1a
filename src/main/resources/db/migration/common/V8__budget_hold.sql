-- A run held because a pool's or a site's error budget ran out: which budget, what it counted,
-- and when the operator resumed. since_seq is the journal row after which move outcomes count
-- toward the budgets (0 at first; a resume moves it to the journal's last row then), so that
-- one hold per counting period exists however many instances saw the budget run out at once.
create table budget_hold (
    run_id      varchar(64)  not null,
    since_seq   bigint       not null,
    step_id     varchar(400) not null,
    budget      varchar(8)   not null,
    scope       varchar(255) not null,
    failed      integer      not null,
    considered  integer      not null,
    reason      text         not null,
    failures    text         not null,
    held_at     varchar(40)  not null,
    actor       varchar(255) not null,
    resumed_at  varchar(40),
    resumed_by  varchar(255),
    resumed_seq bigint,
    primary key (run_id, since_seq)
);
