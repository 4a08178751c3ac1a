-- Repeated identical forbidden attempts by one person within one minute are one row, counted
-- here, so a viewer (or a script with a viewer token) hammering an action cannot flood the log.
-- Every other row is one action: 1.
alter table audit add column attempts integer not null default 1;
