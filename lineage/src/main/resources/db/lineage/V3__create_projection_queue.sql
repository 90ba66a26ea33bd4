-- Events accepted by the group-committed fast path (LineageIngest.submit) and not yet projected
-- into the graph tables. The raw event and its row here commit together, before the sender is
-- answered; the projector (Projector) takes rows in received order, projects their events and
-- deletes the rows in one transaction, so each event is projected once, whichever replica takes
-- it (FOR UPDATE SKIP LOCKED). The table's size and oldest row are the projection's lag.
CREATE TABLE projection_queue (
    event_id     uuid         PRIMARY KEY,  -- lineage.events.id
    received_at  timestamptz  NOT NULL DEFAULT now(),
    attempts     smallint     NOT NULL DEFAULT 0,  -- projections of this event alone that failed
    last_error   text
);
CREATE INDEX projection_queue_received ON projection_queue (received_at);
