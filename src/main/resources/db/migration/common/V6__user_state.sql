-- Each user's verifiable state as the deployment gave it just before the run first moved the
-- user (policies, LineURI, Enterprise Voice, meetings, conference directory, contacts), as JSON.
-- The validation gate after the move and the rollback compare the deployment with it. One row per
-- run and user: the state before the first move is the one to get back to, so a later attempt
-- never replaces it. sip is the lower-cased SIP address, as SipAddress keys it.
create table user_state (
    run_id   varchar(64)  not null,
    sip      varchar(512) not null,
    state    text         not null,
    taken_at varchar(40)  not null,
    primary key (run_id, sip)
);
