/*
 * advice_page — what the request page's handlers (advice_page.c) share
 * with the task-list pages of long advice templates (advice_tasks.c).
 * Kore side.
 */
#ifndef PORTAL_ADVICE_PAGE_H
#define PORTAL_ADVICE_PAGE_H

struct avals;
struct ctx;
struct errs;
struct pg_result;
struct tpl;

/* Columns of ST_REQUEST_GET. */
enum { RQ_ID, RQ_KIND, RQ_PROFESSION, RQ_ORG_ID, RQ_ORG, RQ_PROF_ID,
	RQ_PROF, RQ_TPL, RQ_TPL_VERSION, RQ_QUESTION, RQ_REQUESTED, RQ_DUE,
	RQ_STATUS, RQ_ASSESSMENT, RQ_REFERENCE, RQ_GIVEN, RQ_FAMILY, RQ_DOB,
	RQ_YEAR, RQ_SETTING, RQ_CASEWORKER, RQ_COUNCIL };
/* Columns of ST_ADVICE_LATEST / ST_ADVICE_VERSION. */
enum { AD_ID, AD_VERSION, AD_STATUS, AD_TPL, AD_TPL_VERSION, AD_DECL_NAME,
	AD_DECL_ROLE, AD_DECL_REG, AD_DECL_DATE, AD_RETURN, AD_SAVED,
	AD_SUBMITTED };

/* advice_page.c */
/* The stored values of an advice version into vals: 0, or -1. */
int	advice_values_load(const char *, struct avals *);
/* The template's fields into the page's "fields" list: all of them when
 * area is NULL, else those of that area; edit: as inputs. */
void	advice_fields_put(struct ctx *, const struct tpl *, const struct avals *,
	    int edit, const char *area);
/* The request's summary, question, family's views and chase state. */
void	advice_request_put(struct ctx *, struct pg_result *);
/* 1 if the user writes this request's advice. */
int	advice_is_author(struct ctx *, struct pg_result *);
/* 1 if a request in that status may still be written. */
int	advice_editable(const char *);
/* The declaration's errors into e (none for the parent's views). */
void	advice_declaration_read(struct ctx *, struct pg_result *, struct errs *);
/* Saves the values as the draft (submit: and submits): 0, or -1. */
int	advice_store(struct ctx *, struct pg_result *, const struct tpl *,
	    const struct avals *, int submit);

/* advice_tasks.c */
/* The author's page of an open request whose template is a task list. */
int	advice_tasks_render(struct ctx *, struct pg_result *, struct pg_result *,
	    const struct tpl *, const struct avals *, int);
/* POST /requests/{id}/advice with part (a task's number, or
 * "declaration" to submit what is saved). */
int	advice_part_save(struct ctx *, struct pg_result *, const struct tpl *,
	    const char *part);
/* The declaration's inputs: as posted, else the last submitted
 * version's, else the user's name. */
void	advice_declaration_put(struct ctx *, struct pg_result *);
/* The documents page (after an upload refusal: status and its error). */
int	advice_documents_render(struct ctx *, struct pg_result *, int);

#endif
