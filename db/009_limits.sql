-- Submitted advice is immutable, attachments included (issue 14).
-- advice_documents: the attachments each submitted version was submitted
-- with, written in the transaction that submits it. A document linked
-- to a version cannot be deleted (the foreign key refuses it): when its
-- author takes it off the draft after a return, it is only marked
-- removed_at, and the version keeps it. A document linked to no version
-- is the author's draft: nobody else may list or download it.
CREATE TABLE advice_documents (
	advice_id	bigint NOT NULL REFERENCES advice(id),
	document_id	bigint NOT NULL REFERENCES documents(id),
	PRIMARY KEY (advice_id, document_id)
);
CREATE INDEX advice_documents_document ON advice_documents (document_id);

ALTER TABLE documents ADD COLUMN removed_at timestamptz;

-- Versions submitted before this migration: the documents uploaded
-- before their submission (none had been deleted since, or it is gone).
INSERT INTO advice_documents (advice_id, document_id)
SELECT v.id, d.id FROM advice v JOIN documents d ON d.request_id = v.request_id
WHERE v.status <> 'draft' AND v.submitted_at IS NOT NULL
  AND d.uploaded_at <= v.submitted_at
ON CONFLICT DO NOTHING;

GRANT SELECT, INSERT ON advice_documents TO portal_app;
GRANT UPDATE (removed_at) ON documents TO portal_app;

-- The link is written by the database itself when a draft is submitted,
-- whichever path submits it: the attachments on the draft at that moment.
CREATE FUNCTION advice_documents_freeze() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO advice_documents (advice_id, document_id)
	SELECT NEW.id, d.id FROM documents d
	WHERE d.request_id = NEW.request_id AND d.removed_at IS NULL
	ON CONFLICT DO NOTHING;
	RETURN NEW;
END $$;
CREATE TRIGGER advice_documents_freeze AFTER UPDATE OF status ON advice
FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status = 'submitted')
EXECUTE FUNCTION advice_documents_freeze();
