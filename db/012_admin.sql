-- The council runs itself from the portal (issue 11): its administrator
-- creates organisations of any provider kind, including 'other' (a
-- charity, a private therapist's practice…), and staff accounts that get
-- a one-time code by mail (invitation kind 'staff', no assessment) and
-- choose their own password on /invitation, as parents do.
ALTER TABLE organisations DROP CONSTRAINT IF EXISTS organisations_kind_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check
    CHECK (kind IN ('local_authority', 'ep_service', 'nhs_body', 'social_care',
    'school', 'other'));

ALTER TABLE invitations DROP CONSTRAINT IF EXISTS invitations_kind_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_kind_check
    CHECK (kind IN ('invitation', 'reset', 'staff'));

-- Caseload search: a child by name, reference, NHS number or date of birth
-- within one council.
CREATE INDEX IF NOT EXISTS assessments_council_dob
    ON assessments (council_id, date_of_birth);
CREATE INDEX IF NOT EXISTS assessments_council_nhs
    ON assessments (council_id, nhs_number);

-- Who manages a provider's staff accounts: the council that added it (a
-- provider shared with other councils is only linked to theirs: their
-- administrators see its staff, the owner's creates and disables them).
-- The operator's portalctl makes the first council it links a provider
-- to the owner. Existing providers linked to one council belong to it.
ALTER TABLE organisations ADD COLUMN owner_council_id bigint REFERENCES organisations(id);
UPDATE organisations o SET owner_council_id = (SELECT min(cp.council_id)
    FROM council_providers cp WHERE cp.provider_id = o.id)
    WHERE o.kind <> 'local_authority' AND (SELECT count(*) FROM council_providers cp
    WHERE cp.provider_id = o.id) = 1;
