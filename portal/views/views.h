/*
 * views — the parts of pages that more than one handler shows, one file
 * per page (README, "Layout"). Handlers (pages/) call these and the
 * helpers of web/page.c, never each other's. Kore side.
 */
#ifndef PORTAL_VIEWS_H
#define PORTAL_VIEWS_H

struct avals;
#include <stddef.h>

#include "validate.h"
#include "worklist.h"

struct ctx;
struct errs;
struct pg_result;
struct tdict;
struct tpl;
struct tpl_field;

/* request_view.c */
/* The request page with status (an acknowledgement's refusal: 400; an
 * upload's refusal by anyone but the author of open advice). */
int	page_request_refused(struct ctx *, int);
/* The author's one-page form with v, with status. */
int	advice_form_render(struct ctx *, struct pg_result *, const struct tpl *,
	    const struct avals *, int);
/* The review of the latest version ad, with status. */
int	request_review_render(struct ctx *, struct pg_result *, struct pg_result *,
	    int);

/* request_summary.c */
/* The request's summary, question, family's views and chase state. */
void	advice_request_put(struct ctx *, struct pg_result *);
/* The service's professionals, for the allocation select. */
void	service_allocation_put(struct ctx *);

/* chase_view.c */
/* The request's acknowledgement, decline and chase history, and the
 * forms for its professional. The caller checked access. */
void	chase_request_put(struct ctx *, const char *);

/* advice_form.c */
/* The stored values of an advice version into vals: 0, or -1. */
int	advice_values_load(const char *, struct avals *);
/* The template's fields into the page's "fields" list: all of them when
 * area is NULL, else those of that area; edit: as inputs. */
void	advice_fields_put(struct ctx *, const struct tpl *, const struct avals *,
	    int edit, const char *area);
/* The declaration's errors into e (none for the parent's views). */
void	advice_declaration_read(struct ctx *, struct pg_result *, struct errs *);
/* The declaration's inputs: as posted, else the last submitted
 * version's, else the user's name. */
void	advice_declaration_put(struct ctx *, struct pg_result *);
/* Saves the values as the draft (submit: and submits): 0, or -1. */
int	advice_store(struct ctx *, struct pg_result *, const struct tpl *,
	    const struct avals *, int submit);

/* advice_tasks_view.c */
/* The author's page of an open request whose template is a task list. */
int	advice_tasks_render(struct ctx *, struct pg_result *, struct pg_result *,
	    const struct tpl *, const struct avals *, int);
/* Task n's page (its fields as inputs), with status. */
int	advice_task_render(struct ctx *, struct pg_result *, const struct tpl *,
	    const struct avals *, long, int);
/* The submit page; e: the saved answers' errors (a line per task). */
int	advice_submit_render(struct ctx *, struct pg_result *, const struct tpl *,
	    const struct avals *, const struct errs *, int);
/* The documents page (after an upload refusal: status and its error). */
int	advice_documents_render(struct ctx *, struct pg_result *, int);

/* documents_view.c */
/* The documents on the request's draft into "documents" (with delete
 * when editable): for its author only. */
void	attachments_put(struct ctx *, const char *, int);
/* The documents advice version advice_id was submitted with (none when
 * advice_id is NULL). */
void	attachments_put_advice(struct ctx *, const char *);
/* The same rows (DOC_*), or NULL; the caller frees. */
struct pg_result *documents_of_advice(const char *);
/* Columns of documents_of_advice(). */
enum { DOC_ID, DOC_FILENAME, DOC_MEDIA_TYPE, DOC_SIZE, DOC_UPLOADED_AT,
	DOC_UPLOADED_BY };
/* The name a stored document is listed and downloaded under. */
const char	*document_shown_name(const char *, const char *, char *, size_t);

/* assessment_view.c */
/* The assessment page, with status; an invitation form's error if any. */
int	assessment_show(struct ctx *, int, const char *, const char *);
/* The assessment's exceptions, for its page (the caller checked access). */
void	exceptions_put(struct ctx *, const char *);

/* decision_view.c */
/* The assessment's decisions against their statutory dates, received
 * the day its request was received (the caller checked access). Returns
 * the kinds recorded, 1 << dec_kind (validate.h), with 1 << DEC__MAX if a
 * "no" ended the assessment. */
int	decisions_put(struct ctx *, const char *, const char *);
/* The first exception that began on or before day, recorded for request
 * (an advice request's id), or for the whole assessment if request is
 * NULL: its label (alive as long as ex), or NULL. ex: CS_EXCEPTIONS_OF's
 * rows, or NULL. */
const char	*exception_for(PGresult *, const char *, const char *);

/* plan_view.c */
struct plan_body;
struct plan_draft;
struct plan_para;
struct prov_flags;
/* Appends a deep copy of the paragraph: 0, or -1 out of memory. */
int	plan_para_push(struct plan_body *, const struct plan_para *);
/* The newest version of every section of plan (an id) and the advice it
 * has assembled: 0, or -1 (free d either way). */
int	plan_view_load(const char *, struct plan_draft *);
/* One paragraph's keys (text, cells, attribution, flags of section sec,
 * paragraph n); staff: with the link to its source request. */
void	plan_para_put(struct tdict *, const struct plan_para *,
	    const struct prov_flags *, const char *, size_t, int);
/* Sections A–K into the page's "sections" (templates/pages/
 * _plan_sections.html); f may be NULL; staff: editable, with links. */
void	plan_view_put(struct ctx *, const struct plan_draft *,
	    const struct prov_flags *, int);
/* The same, with each(c, section dict, section id, arg) after each
 * section; and the sections as they were at a plan version. */
void	plan_view_put_each(struct ctx *, const struct plan_draft *,
	    const struct prov_flags *, int,
	    void (*)(struct ctx *, struct tdict *, const char *, void *), void *);
int	plan_view_load_at(const char *, const char *, struct plan_draft *);
/* advice_warnings.c */
/* The provision check's warnings on field f's answer into d
 * ("prov_warned", "prov_warnings": list of text); returns how many. */
size_t	advice_field_warnings_put(struct tdict *, const struct tpl_field *,
	    const struct avals *);
/* A line per field with warnings ("prov_summary": label, href, count;
 * "has_prov_summary"), for the page the advice is submitted from. */
void	advice_warnings_summary_put(struct ctx *, const struct tpl *,
	    const struct avals *, const char *);

/* consultation_view.c */
/* The assessment's consultations side by side (setting, sent, due,
 * status, link to the answer) into "consultations" for
 * templates/pages/_consultations.html; the caller checked access. */
void	consultations_put(struct ctx *, const char *);
/* A consultation's status words for a row: waiting, N days overdue,
 * can meet, cannot meet (today: YYYY-MM-DD). */
void	consultation_status_put(struct tdict *, const char *answer,
	    const char *due, const char *today);
struct sbuf;
/* "consultations":[…], of the assessment into b for the API (with a
 * trailing comma): 0, or -1 (database down). */
int	consultations_json(struct sbuf *, const char *);
/* timeline_view.c */
/* The family's timeline of the assessment, received the day its request
 * was received, into the page's "timeline" list (the caller checked
 * access). */
void	timeline_put(struct ctx *, const char *, const char *);

/* consultation_view.c: the consultation's rules and storing (page and API) */
/* The assessment's plan as a consultation sees it: 0, -1. */
int	consultation_plan_state(const char *, enum val_plan *);
/* One consultation per setting (ids[n], then typed if not NULL) sent on
 * sent by account by, its responders told: 1 and the ids in made[] and
 * the due date; 0 a setting has an open one (nothing written); -1. */
int	consultation_store(struct ctx *, const char *, const char *,
	    const long long *, size_t, const char *, const char *, const char *,
	    char [][24], char *);
struct val_consultation;
struct verrs;
/* The rules of a consultation of settings ids[n] (their names) with the
 * plan and open consultations looked up into v: 0 (refusals in e), -1. */
int	consultation_check(const char *, const long long *, const char *const *,
	    size_t, struct val_consultation *, struct verrs *);

/* worklist_view.c: what needs doing, for the lists and the caseload */
/* One line of the overdue or due-soon list. */
struct wl_item {
	int		 request;	/* 1: an advice request (WS_REQUESTS row) */
	int		 row;		/* its row in cases or requests */
	enum wl_deadline_kind kind;	/* of a statutory step */
	char		 due[DATE_LEN];
	long		 days;
};

struct wl_lists {
	struct pg_result *cases, *requests;
	struct wl_item	*overdue, *soon;
	int		*ready;
	int		 noverdue, nsoon, nready;
	char		 today[DATE_LEN];
};

/* The open cases of the user's council (of one caseworker when filter,
 * an account id, is not ""; a caseworker sees their own) sorted into the
 * lists, or only counted (counts_only): 0, or -1 (free it either way). */
int	worklist_lists_load(struct ctx *, const char *, int, struct wl_lists *);
void	worklist_lists_free(struct wl_lists *);
/* Row i of the cases (WS_CASES) as worklist.h reads a case. */
struct wl_case;
void	worklist_case_of(const struct pg_result *, int, struct wl_case *);
/* The counts at the top of the caseload, with the link to the lists. */
void	worklist_summary_put(struct ctx *);

#endif
