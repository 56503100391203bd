/*
 * final_issue — the final EHC plan's state and its issue, shared by the
 * caseworker's pages (final_page.c) and the API (api_plan.c): one set of
 * rules (final.h), one transaction.
 */
#ifndef PORTAL_FINAL_ISSUE_H
#define PORTAL_FINAL_ISSUE_H

#include "clock.h"
#include "plan_dates.h"

struct ctx;
struct plan_draft;

/* An assessment's plan and its stage (FS_STATE); "" where there is none. */
struct final_state {
	char	plan[24], version[12], status[16];
	char	setting[804], setting_id[24];	/* the final's named setting */
	char	served[DATE_LEN], comments_due[DATE_LEN], responded[DATE_LEN];
	char	issued[DATE_LEN], due[DATE_LEN], final_version[12];
	char	council[24], caseworker[24], reference[64];
	char	given[404], family[404], dob[DATE_LEN], received[DATE_LEN];
	char	council_name[804];
};

/* The state of assessment (already checked against the caller): 1, 0 no
 * such assessment, -1 database down. */
int	final_state_load(const char *, struct final_state *);
/* 1 if the plan is final (or a final issue is recorded). */
int	final_is_issued(const struct final_state *);

/* What to issue: the setting chosen (setting_id, its name) or typed
 * (setting_id ""), the day, who records it. */
struct final_issue {
	const char	*assessment;
	const char	*issued;
	const char	*setting_id;
	const char	*setting_name;
	const char	*account;
};

/*
 * Issues the final plan in one transaction: Section I's new version
 * (reason 'final') naming the setting, the plan final with its named
 * setting, the final_issued decision (due week 20, the plan version), the
 * family's and the setting's mails and notifications. t gets the date
 * against week 20. 0 issued; 1 issued already (nothing written); -1
 * database failure (nothing written).
 */
int	final_issue_run(const struct final_state *, const struct final_issue *,
	    struct final_timing *t);

/* The setting's name if id is one of council's settings: 1, 0, -1. */
int	final_setting_name(const char *council, const char *id, char *, size_t);

/* The plan as .docx (the draft, or the final with its date): 0 and
 * *out and *len (free *out), -1. */
int	final_docx(const struct final_state *, unsigned char **, size_t *);

/* Plan pages (plan_page.c) refuse changes to a final plan: 1 after
 * answering 409 with a message, 0 when the plan may change. */
int	final_refuse_change(struct ctx *);
/* The plan page's final keys: plan_final, final_issued_on, final_words,
 * final_late, final_exception, named_setting; draft_served_on. 1 if the
 * plan is final. */
int	final_plan_page_put(struct ctx *);

#endif
