-- How a run shared by instances is cut into units of work: the most items of a move step in one
-- slice, fixed by the first instance that joins. Every instance must cut alike: a journal row is
-- fenced by the claim of its item's unit, and two cuts would let two instances hold one item.
create table unit_cut (
    run_id varchar(64)  not null primary key,
    slice  integer      not null,
    set_at varchar(40)  not null,
    set_by varchar(255) not null
);
