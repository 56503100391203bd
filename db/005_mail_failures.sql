-- Mail the relay refused for good (a 5xx reply to its address or to the
-- message) is not retried: it becomes 'failed', keeps the relay's reply
-- in last_error, and the caseworker of its case is told in the portal.
-- assessment_id names the case of a mail that is not a chase step (the
-- parent's invitation); a chase step's case is found through chase_log.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN
    ('queued', 'held', 'digested', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN assessment_id bigint REFERENCES assessments(id);
