/*
 * plan_page — the draft EHC plan for the caseworker and the manager:
 * assembled from the accepted advice (plan.c), shown section by section
 * with each paragraph's attribution and the provision check's flags
 * (provision.c), edited one section at a time under an optimistic lock
 * (plan_version_check), re-assembled without losing edits, and
 * downloaded as Word (docx.c). Every view and change is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "checks.h"
#include "db.h"
#include "docx.h"
#include "esc.h"
#include "final_issue.h"
#include "form.h"
#include "plan.h"
#include "plan_sql.h"
#include "plan_store.h"
#include "comments_view.h"
#include "provision.h"
#include "sbuf.h"
#include "template.h"
#include "tmpl.h"
#include "validate.h"
#include "views.h"

#define PARA_MAX	20000	/* plan_paragraphs.body */

/* The field in error on the edit page and its message, set by
 * edit_error() for render_edit() within one request (a worker serves one
 * request at a time); cleared by each edit handler first. */
static char	err_field[16];
static char	err_message[256];

static int	assessment_for(struct ctx *, PGresult **);
static int	audit_plan(struct ctx *, enum stmt, const char *, const char *);
static int	plan_find(const char *, char *, size_t);
static int	flags_of(struct ctx *, PGresult *, const struct plan_draft *,
		    struct prov_flags *);
static int	versions_put(struct ctx *, const char *);
static int	render_edit(struct ctx *, const struct plan_draft *, int, int);
static void	edit_error(struct ctx *, const char *, const char *);

/* The assessment of the path, if this caseworker or manager may see it:
 * 1, 0 (404), -1 (503). Puts its reference and id on the page. */
static int
assessment_for(struct ctx *c, PGresult **out)
{
	char	acc[24], org[24];

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((*out = db_q(ST_ASSESSMENT_GET, c->id_text[0], acc, org,
	    role_name(c->sess.role))) == NULL)
		return (-1);
	if (db_rows(*out) != 1) {
		PQclear(*out);
		*out = NULL;
		return (0);
	}
	tdict_set(c->page, "assessment_id", db_val(*out, 0, 0));
	tdict_set(c->page, "reference", db_val(*out, 0, 1));
	tdict_setf(c->page, "child_name", "%s %s", db_val(*out, 0, 2),
	    db_val(*out, 0, 3));
	return (1);
}

/* The assessment's plan id into id: 1, 0 none yet, -1 database down. */
static int
plan_find(const char *assessment, char *id, size_t len)
{
	PGresult	*res;
	int		 n;

	if ((res = db_qd(&plan_stmts[PS_PLAN_GET], assessment)) == NULL)
		return (-1);
	if ((n = db_rows(res)) == 1)
		(void)snprintf(id, len, "%s", db_val(res, 0, 0));
	PQclear(res);
	return (n == 1);
}

/* The provision check and the other children's names (never shown:
 * only that a name on the council's records was found). 0, -1. */
static int
flags_of(struct ctx *c, PGresult *as, const struct plan_draft *d,
    struct prov_flags *f)
{
	PGresult		*res;
	struct prov_conf	 conf;
	struct prov_names	*names = NULL;
	const char		**given = NULL, **family = NULL;
	char			 org[24];
	int			 r, n, rc = -1;

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	memset(&conf, 0, sizeof(conf));
	if ((res = db_qd(&plan_stmts[PS_OTHER_CHILDREN], org,
	    db_val(as, 0, 0))) == NULL)
		return (-1);
	n = db_rows(res);
	if ((given = calloc((size_t)n + 1, sizeof(*given))) == NULL ||
	    (family = calloc((size_t)n + 1, sizeof(*family))) == NULL)
		goto out;
	for (r = 0; r < n; r++) {
		given[r] = db_val(res, r, 0);
		family[r] = db_val(res, r, 1);
	}
	if ((names = prov_names_alloc(given, family, (size_t)n,
	    db_val(as, 0, 2), db_val(as, 0, 3))) == NULL ||
	    prov_conf_default(&conf) == -1)
		goto out;
	rc = plan_check(d, &conf, names, f);
out:
	prov_conf_free(&conf);
	prov_names_free(names);
	free(given);
	free(family);
	PQclear(res);
	return (rc);
}

/* Every saved section version, newest first. 0, -1. */
static int
versions_put(struct ctx *c, const char *plan)
{
	PGresult	*res;
	struct tdict	*o;
	int		 r;

	if ((res = db_qd(&plan_stmts[PS_VERSIONS], plan)) == NULL)
		return (-1);
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "versions");
		tdict_set(o, "plan_version", db_val(res, r, 0));
		tdict_set(o, "section", db_val(res, r, 1));
		tdict_set(o, "version", db_val(res, r, 2));
		tdict_set(o, "reason", db_val(res, r, 3));
		tdict_set(o, "by", db_val(res, r, 4));
		tdict_set(o, "at", db_val(res, r, 5));
	}
	PQclear(res);
	return (0);
}

/* No draft yet: the plan page, which offers to assemble one. */
static int
to_plan(struct ctx *c)
{
	char	dest[64];

	(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan", c->id_text[0]);
	return (http_see_other(c, dest));
}

/* GET /assessments/{id}/plan */
int
page_plan(struct ctx *c)
{
	PGresult		*as;
	struct plan_draft	 d;
	struct prov_flags	 f;
	char			 plan[24];
	int			 rc, fin;

	if ((rc = assessment_for(c, &as)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if ((rc = plan_find(c->id_text[0], plan, sizeof(plan))) == -1) {
		PQclear(as);
		return (page_error(c, 503));
	}
	audit(c, "view_plan", "assessment", c->id[0], NULL);
	if (rc == 0) {
		PQclear(as);
		return (page_render(c, 200, "plan", "Draft EHC plan"));
	}
	prov_flags_init(&f);
	if (plan_view_load(plan, &d) == -1 || flags_of(c, as, &d, &f) == -1 ||
	    versions_put(c, plan) == -1) {
		plan_draft_free(&d);
		prov_flags_free(&f);
		PQclear(as);
		return (page_error(c, 503));
	}
	tdict_set(c->page, "has_plan", "1");
	rc = comments_staff_put(c, c->id_text[0], &d, &f);
	consultations_put(c, c->id_text[0]);
	fin = final_plan_page_put(c);
	plan_draft_free(&d);
	prov_flags_free(&f);
	PQclear(as);
	if (rc == -1 || fin == -1)
		return (page_error(c, 503));
	return (page_render(c, 200, "plan", fin == 1 ? "Final EHC plan" :
	    "Draft EHC plan"));
}

/* The audit row of an assembly or a re-assembly that stored a draft,
 * inside the draft's transaction: the change and its audit are committed
 * together, with one wait for the disk rather than two (bench-plan.sh).
 * 0, -1 (the caller rolls back). */
static int
audit_in_tx(struct ctx *c, const char *action, const char *plan)
{
	return (audit_plan(c, ST_AUDIT, action, plan));
}

/* The audit row of action on the assessment's plan with statement st
 * (ST_AUDIT, or ST_AUDIT_READ: not waiting for the disk). 0, -1. */
static int
audit_plan(struct ctx *c, enum stmt st, const char *action, const char *plan)
{
	PGresult	*res;
	char		 acc[24];
	int		 ok;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	res = db_q(st, acc, action, "assessment", c->id_text[0], c->ip,
	    plan);
	ok = res != NULL;
	PQclear(res);
	return (ok ? 0 : -1);
}

static int
assemble_audit(void *arg, const char *plan)
{
	return (audit_in_tx(arg, "assemble_plan", plan));
}

/* POST /assessments/{id}/plan: version 1 from the accepted advice. */
int
do_plan_assemble(struct ctx *c)
{
	PGresult	*as;
	char		 acc[24], plan[24], dest[64];
	int		 rc;

	if ((rc = assessment_for(c, &as)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(as);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	switch (plan_store_assemble_then(c->id_text[0], acc, &advice_templates,
	    plan, assemble_audit, c)) {
	case 0:
		break;
	case 1:
		/* Nothing to assemble from: say so, write nothing. */
		edit_error(c, "assemble", "Accept at least one piece of advice "
		    "before you assemble the draft plan");
		return (page_render(c, 400, "plan", "Draft EHC plan"));
	case 2:
		/* Assembled already (two clicks): the plan as it is. */
		(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan",
		    c->id_text[0]);
		return (http_see_other(c, dest));
	default:
		return (page_error(c, 503));
	}
	/* Audited in the draft's transaction (assemble_audit). */
	(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan?assembled=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}

/* POST /assessments/{id}/plan/reassemble: new accepted advice in, edits kept. */
int
do_plan_reassemble(struct ctx *c)
{
	PGresult		*as;
	struct accepted		 ac;
	struct plan_draft	 prev, fresh, out;
	char			 plan[24], dest[80], acc[24];
	size_t			 i, s;
	int			 rc, any = 0;

	if ((rc = assessment_for(c, &as)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(as);
	if ((rc = plan_find(c->id_text[0], plan, sizeof(plan))) != 1)
		return (rc == -1 ? page_error(c, 503) : to_plan(c));
	if (final_refuse_change(c))
		return (KORE_RESULT_OK);
	/* Every accepted advice assembled already: nothing can be new, and
	 * the plan and the advice need not be loaded and compared. */
	if ((rc = plan_nothing_new(c->id_text[0], plan)) == -1)
		return (page_error(c, 503));
	if (rc == 1) {
		if (audit_plan(c, ST_AUDIT_READ, "reassemble_plan", plan) == -1)
			kore_log(LOG_ERR, "audit: cannot record reassemble_plan");
		(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan"
		    "?reassembled=0", c->id_text[0]);
		return (http_see_other(c, dest));
	}
	plan_draft_init(&fresh);
	plan_draft_init(&out);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	rc = plan_view_load(plan, &prev) == -1 || accepted_load(c->id_text[0],
	    &advice_templates, &ac) == -1 || plan_assemble(ac.a, ac.n, &fresh) == -1 ||
	    plan_reassemble(&prev, &fresh, &out) == -1;
	if (!rc) {
		free(out.assembled);
		out.nassembled = 0;
		if ((out.assembled = calloc(ac.n + 1, sizeof(long))) == NULL)
			rc = 1;
		for (i = 0; !rc && i < ac.n; i++)
			out.assembled[out.nassembled++] = ac.a[i].advice_id;
		for (s = 0; s < PLAN__MAX; s++)
			for (i = 0; i < out.s[s].n; i++)
				any |= out.s[s].p[i].is_new;
	}
	accepted_free(&ac);
	if (!rc && any && (db_begin() == -1 ||
	    draft_store(plan, &out, "reassembled", 0, NULL, acc) == -1 ||
	    audit_in_tx(c, "reassemble_plan", plan) == -1 ||
	    db_commit() == -1)) {
		db_rollback();
		rc = 1;
	}
	plan_draft_free(&prev);
	plan_draft_free(&fresh);
	plan_draft_free(&out);
	if (rc)
		return (page_error(c, 503));
	/*
	 * Nothing stored: the plan was read and compared, and its audit row
	 * is written as a read's is, without waiting for the disk (a commit's
	 * fsync per click was most of a re-assembly's time: bench-plan.sh).
	 * A stored draft was audited in its own transaction above.
	 */
	if (!any && audit_plan(c, ST_AUDIT_READ, "reassemble_plan", plan) == -1)
		kore_log(LOG_ERR, "audit: cannot record reassemble_plan");
	(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan%s",
	    c->id_text[0], any ? "?reassembled=1" : "?reassembled=0");
	return (http_see_other(c, dest));
}

/* The edit form of section s: each paragraph in a textarea beside its
 * source; posted (the form kept after a refusal) or as stored. */
static int
render_edit(struct ctx *c, const struct plan_draft *d, int s, int status)
{
	struct tdict	*po;
	const char	*v;
	char		 name[24];
	size_t		 i;

	tdict_set(c->page, "section", plan_section_id((enum plan_section)s));
	tdict_setf(c->page, "section_title", "Section %s: %s",
	    plan_section_id((enum plan_section)s),
	    plan_section_title((enum plan_section)s));
	v = c->form != NULL ? form_get(c->form, "version") : NULL;
	if (v != NULL)
		tdict_set(c->page, "version", v);
	else
		tdict_setf(c->page, "version", "%ld", d->s[s].version);
	tdict_setf(c->page, "current_version", "%ld", d->s[s].version);
	for (i = 0; i < d->s[s].n; i++) {
		po = tdict_push(c->page, "paragraphs");
		(void)snprintf(name, sizeof(name), "p%zu", i + 1);
		tdict_set(po, "name", name);
		tdict_setf(po, "n", "%zu", i + 1);
		plan_para_put(po, &d->s[s].p[i], NULL, "", 0, 1);
		if (err_field[0] != '\0' && strcmp(err_field, name) == 0)
			tdict_set(po, "error", err_message);
		v = c->form != NULL ? form_get(c->form, name) : NULL;
		tdict_set(po, "value", v != NULL ? v : d->s[s].p[i].text);
		tdict_set(po, "source_text", d->s[s].p[i].text);
	}
	v = c->form != NULL ? form_get(c->form, "added") : NULL;
	tdict_set(c->page, "v_added", v != NULL ? v : "");
	if (strcmp(err_field, "added") == 0)
		tdict_set(c->page, "added_error", err_message);
	return (page_render(c, status, "plan-edit", "Edit a section of the draft plan"));
}

/* The section of ?section= (GET) or the form (POST), or -1. */
static int
section_of(struct ctx *c)
{
	char	q[8];

	if (c->form != NULL)
		return (plan_section_parse(form_get(c->form, "section") ?
		    form_get(c->form, "section") : ""));
	return (plan_section_parse(query_get(c, "section", q, sizeof(q))));
}

/* Loads the assessment's plan for an edit: 1, 2 no plan yet, 0 (404),
 * -1 (503). */
static int
edit_load(struct ctx *c, char *plan, size_t len, struct plan_draft *d, int *s)
{
	PGresult	*as;
	int		 rc;

	plan_draft_init(d);
	if ((rc = assessment_for(c, &as)) != 1)
		return (rc);
	PQclear(as);
	if ((rc = plan_find(c->id_text[0], plan, len)) != 1)
		return (rc == 0 ? 2 : rc);
	if ((*s = section_of(c)) < 0 || *s == PLAN_I)
		return (0);
	return (plan_view_load(plan, d) == -1 ? -1 : 1);
}

/* GET /assessments/{id}/plan/edit?section=X */
int
page_plan_edit(struct ctx *c)
{
	struct plan_draft	 d;
	char			 plan[24];
	int			 rc, s = -1;

	err_field[0] = '\0';
	if ((rc = edit_load(c, plan, sizeof(plan), &d, &s)) != 1) {
		plan_draft_free(&d);
		return (rc == 2 ? to_plan(c) : page_error(c, rc == -1 ? 503 : 404));
	}
	if (final_refuse_change(c)) {
		plan_draft_free(&d);
		return (KORE_RESULT_OK);
	}
	audit(c, "view_plan_section", "assessment", c->id[0],
	    plan_section_id((enum plan_section)s));
	rc = render_edit(c, &d, s, 200);
	plan_draft_free(&d);
	return (rc);
}

/* One error for the summary and the field. */
static void
edit_error(struct ctx *c, const char *field, const char *msg)
{
	struct tdict	*e;
	char		 key[40];

	tdict_set(c->page, "has_errors", "1");
	e = tdict_push(c->page, "errors");
	tdict_set(e, "field", field);
	tdict_set(e, "message", msg);
	(void)snprintf(key, sizeof(key), "error_%s", field);
	tdict_set(c->page, key, msg);
	(void)snprintf(err_field, sizeof(err_field), "%s", field);
	(void)snprintf(err_message, sizeof(err_message), "%s", msg);
	c->nerrors++;
}

/* The section as posted: each paragraph's text, a blank one deleted, a
 * changed one marked edited, the caseworker's added one last. 0, -1. */
static int
edit_read(struct ctx *c, const struct plan_body *old, struct plan_body *nb)
{
	struct plan_para	 p;
	const char		*v;
	char			 name[24];
	size_t			 i;

	for (i = 0; i < old->n; i++) {
		(void)snprintf(name, sizeof(name), "p%zu", i + 1);
		v = form_get(c->form, name);
		if (v == NULL)
			v = old->p[i].text;
		if (blank(v))
			continue;
		p = old->p[i];
		p.is_new = 0;
		if (strcmp(v, old->p[i].text) != 0) {
			p.text = (char *)(uintptr_t)v;
			p.edited = 1;
		}
		if (plan_para_push(nb, &p) == -1)
			return (-1);
	}
	v = form_get(c->form, "added");
	if (!blank(v)) {
		memset(&p, 0, sizeof(p));
		p.area = (char *)(uintptr_t)"general";
		p.text = (char *)(uintptr_t)v;
		(void)snprintf(p.src.field, sizeof(p.src.field), "note");
		p.src.part = (int)nb->n;
		p.edited = 1;
		if (plan_para_push(nb, &p) == -1)
			return (-1);
	}
	return (0);
}

/* 1 if a posted paragraph is longer than the plan holds. */
static int
edit_too_long(struct ctx *c, size_t n)
{
	const char	*v;
	char		 name[24];
	size_t		 i;

	for (i = 0; i <= n; i++) {
		(void)snprintf(name, sizeof(name), "p%zu", i + 1);
		v = form_get(c->form, i == n ? "added" : name);
		if (v != NULL && strlen(v) > PARA_MAX) {
			edit_error(c, i == n ? "added" : name, "Each paragraph "
			    "must be 20,000 characters or fewer");
			return (1);
		}
	}
	return (0);
}

/* POST /assessments/{id}/plan/edit: saves one section from the version
 * the editor opened; a stale version is refused (409), nothing written. */
int
do_plan_edit(struct ctx *c)
{
	struct plan_draft	 d;
	struct plan_body	 nb;
	enum plan_version_check	 vc;
	char			 plan[24], msg[256], pv[24], dest[80], acc[24];
	PGresult		*res;
	long			 expected;
	int			 rc, s = -1, st;

	err_field[0] = '\0';
	if ((rc = edit_load(c, plan, sizeof(plan), &d, &s)) != 1) {
		plan_draft_free(&d);
		return (rc == 2 ? to_plan(c) : page_error(c, rc == -1 ? 503 : 404));
	}
	if (final_refuse_change(c)) {
		plan_draft_free(&d);
		return (KORE_RESULT_OK);
	}
	if (plan_version_parse(form_get(c->form, "version") ?
	    form_get(c->form, "version") : "", &expected) == -1)
		vc = PLAN_VERSION_INVALID;
	else
		vc = plan_version_check(expected, d.s[s].version);
	if (vc != PLAN_VERSION_OK) {
		plan_version_message(vc, (enum plan_section)s, msg, sizeof(msg));
		edit_error(c, d.s[s].n > 0 ? "p1" : "added", msg);
		audit(c, "refuse_plan_section", "assessment", c->id[0],
		    plan_section_id((enum plan_section)s));
		rc = render_edit(c, &d, s, vc == PLAN_VERSION_STALE ? 409 : 400);
		plan_draft_free(&d);
		return (rc);
	}
	if (edit_too_long(c, d.s[s].n)) {
		rc = render_edit(c, &d, s, 400);
		plan_draft_free(&d);
		return (rc);
	}
	memset(&nb, 0, sizeof(nb));
	st = -1;
	if (edit_read(c, &d.s[s], &nb) == 0 && db_begin() == 0) {
		if ((res = db_qd(&plan_stmts[PS_PLAN_BUMP], plan)) != NULL &&
		    db_rows(res) == 1) {
			(void)snprintf(pv, sizeof(pv), "%s", db_val(res, 0, 0));
			(void)snprintf(acc, sizeof(acc), "%lld",
			    c->sess.account_id);
			st = section_store(plan, s, &nb, d.s[s].version + 1,
			    pv, "edited", acc);
		}
		PQclear(res);
		if (st != 0 || db_commit() == -1) {
			db_rollback();
			if (st == 0)
				st = -1;
		}
	}
	{
		struct plan_draft tmp;

		plan_draft_init(&tmp);
		tmp.s[0] = nb;
		plan_draft_free(&tmp);
	}
	if (st == 1) {
		plan_version_message(PLAN_VERSION_STALE, (enum plan_section)s,
		    msg, sizeof(msg));
		edit_error(c, d.s[s].n > 0 ? "p1" : "added", msg);
		rc = render_edit(c, &d, s, 409);
		plan_draft_free(&d);
		return (rc);
	}
	plan_draft_free(&d);
	if (st != 0)
		return (page_error(c, 503));
	audit(c, "edit_plan_section", "assessment", c->id[0],
	    plan_section_id((enum plan_section)s));
	(void)snprintf(dest, sizeof(dest),
	    "/assessments/%s/plan?section_saved=1#section-%s", c->id_text[0],
	    plan_section_id((enum plan_section)s));
	return (http_see_other(c, dest));
}

/* GET /assessments/{id}/plan.docx: the draft as Word, audited. */
int
page_plan_docx(struct ctx *c)
{
	PGresult		*as;
	struct plan_draft	 d;
	struct docx_meta	 m;
	struct final_state	 fs;
	unsigned char		*out = NULL;
	size_t			 len = 0;
	char			 plan[24], name[96], hdr[160];
	int			 rc;

	if ((rc = assessment_for(c, &as)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if ((rc = plan_find(c->id_text[0], plan, sizeof(plan))) != 1) {
		PQclear(as);
		return (rc == -1 ? page_error(c, 503) : to_plan(c));
	}
	(void)snprintf(name, sizeof(name), "%s %s", db_val(as, 0, 2),
	    db_val(as, 0, 3));
	memset(&m, 0, sizeof(m));
	m.child_name = name;
	m.dob = db_val(as, 0, 4);
	m.reference = db_val(as, 0, 1);
	m.council = c->sess.org_name;
	/* A final plan says so, with the day it was issued. */
	if (final_state_load(c->id_text[0], &fs) == 1 &&
	    strcmp(fs.status, "final") == 0) {
		m.final = 1;
		m.issued_on = fs.issued;
	}
	if (plan_view_load(plan, &d) == -1 || docx_plan_mem(&d, &m, &out, &len) == -1) {
		plan_draft_free(&d);
		PQclear(as);
		return (page_error(c, 503));
	}
	plan_draft_free(&d);
	/* The reference is the council's own pattern: letters, digits, '-'. */
	(void)snprintf(hdr, sizeof(hdr),
	    "attachment; filename=\"EHC-plan-%s-%s.docx\"", m.reference,
	    m.final ? "final" : "draft");
	audit(c, "download_plan", "assessment", c->id[0], plan);
	PQclear(as);
	http_open(c, "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document");
	http_response_header(c->req, "content-disposition", hdr);
	http_response(c->req, 200, out, len);
	free(out);
	return (KORE_RESULT_OK);
}
