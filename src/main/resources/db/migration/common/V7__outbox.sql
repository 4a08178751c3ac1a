-- Notifications leave through an outbox: the run writes a notice here (in the journal, so it
-- survives a crash) and goes on; a courier delivers it to each configured channel later, retried
-- with backoff. notice_key de-duplicates: the same event (a gate's attempt failing, say) written
-- twice is one notice. Times are ISO-8601 instants, compared by the reader.
create table outbox (
    notice_key varchar(400) not null primary key,
    kind       varchar(40)  not null,
    run_id     varchar(64),
    created_at varchar(40)  not null,
    notice     text         not null
);

-- Every delivery attempt of a notice to a channel, the audit of what was sent where: result is
-- delivered, failed (to be retried) or abandoned (retries exhausted).
create table outbox_delivery (
    notice_key varchar(400) not null,
    channel    varchar(100) not null,
    attempt    integer      not null,
    at         varchar(40)  not null,
    result     varchar(20)  not null,
    detail     text,
    primary key (notice_key, channel, attempt)
);
