/*
 * api_plan — the assessment's decisions, the plan and the final plan for
 * the council's case-management system (same key and conventions as
 * api.c): a record of another council is 404 like a missing one; every
 * refusal of the input is 400 naming the field, with nothing written; a
 * final plan issued twice is 409.
 *
 * The rules are the pages' (validate.h val_decision, final.h val_final)
 * and the final plan is issued by the same transaction (final_issue.h).
 * What the API records is recorded by the assessment's caseworker (the
 * key belongs to the council, not to a person); the audit row names the
 * key.
 *
 * The plan's flags are the provision check's only: the other-child-name
 * check needs the council's whole list of children and answers a
 * question about the text the caseworker fixes in the portal, where the
 * flag is shown; the case system gets what a plan lacks (who, how often,
 * how long, vague wording, outcomes without a time frame).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "api.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "decision_sql.h"
#include "esc.h"
#include "final.h"
#include "final_issue.h"
#include "final_sql.h"
#include "json.h"
#include "plan.h"
#include "plan_dates.h"
#include "provision.h"
#include "sbuf.h"
#include "validate.h"
#include "views.h"

static const struct jfield decision_fields[] = {
	{ "decision", J_STRING, 1, 0 },
	{ "date", J_STRING, 1, 1 },
	{ NULL, J_NULL, 0, 0 },
};

static const struct jfield final_fields[] = {
	{ "issued_on", J_STRING, 1, 1 },
	{ "setting", J_STRING, 1, 0 },
	{ NULL, J_NULL, 0, 0 },
};

/* The API's decisions and what each records. */
static const struct {
	const char	*name;
	enum dec_kind	 kind;
	const char	*outcome;
} decisions[] = {
	{ "assess", DEC_ASSESS, "yes" },
	{ "not_assess", DEC_ASSESS, "no" },
	{ "issue_plan", DEC_PLAN, "yes" },
	{ "not_issue_plan", DEC_PLAN, "no" },
};

static int	state_of(struct ctx *, struct final_state *);

/* The key's council's assessment of the path and its plan's state: 1, or
 * the error answered (404, 503). */
static int
state_of(struct ctx *c, struct final_state *s)
{
	int	rc;

	if ((rc = final_state_load(c->id_text[0], s)) == -1) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		return (0);
	}
	if (rc == 0 || strcmp(s->council, c->api_council) != 0) {
		(void)api_error(c, 404, "no such assessment", NULL);
		return (0);
	}
	return (1);
}

/* What is recorded already, for val_decision. */
struct recorded {
	PGresult	*res;
	const char	*on[DEC__MAX], *outcome[DEC__MAX];
};

static int
recorded_load(const char *assessment, struct recorded *r)
{
	int	i, k;

	memset(r, 0, sizeof(*r));
	if ((r->res = db_qd(&decision_stmts[DS_OF], assessment)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(r->res); i++)
		if ((k = dec_kind_of(db_val(r->res, i, DC_KIND))) != DEC__MAX) {
			r->on[k] = db_val(r->res, i, DC_DECIDED);
			r->outcome[k] = db_val(r->res, i, DC_OUTCOME);
		}
	return (0);
}

/* POST /api/v1/assessments/{id}/decisions {"decision", "date"}: the
 * decision whether to assess or to issue a plan, with the form's rules. */
int
api_decision_create(struct ctx *c)
{
	struct final_state	 s;
	struct recorded		 r;
	struct val_decision	 v;
	struct statutory	 st;
	struct step_timing	 t;
	struct verrs		 e;
	struct json		*root;
	struct sbuf		 b;
	PGresult		*res = NULL;
	const char		*name, *due;
	char			 today[DATE_LEN], id[24];
	size_t			 i;
	int			 answered, k;

	if (!state_of(c, &s))
		return (KORE_RESULT_OK);
	if ((root = api_body(c, decision_fields, &answered)) == NULL)
		return (KORE_RESULT_OK);
	name = json_str(json_get(root, "decision"));
	for (i = 0; i < sizeof(decisions) / sizeof(decisions[0]); i++)
		if (strcmp(name, decisions[i].name) == 0)
			break;
	if (i == sizeof(decisions) / sizeof(decisions[0])) {
		json_free(root);
		return (api_error(c, 400, "must be one of assess, not_assess, "
		    "issue_plan, not_issue_plan", "decision"));
	}
	if (recorded_load(c->id_text[0], &r) == -1) {
		json_free(root);
		return (api_error(c, 503, "the service is unavailable", NULL));
	}
	config_today(today);
	memset(&v, 0, sizeof(v));
	v.kind = dec_kind_id(decisions[i].kind);
	v.outcome = decisions[i].outcome;
	v.date = json_str(json_get(root, "date"));
	v.received = s.received;
	v.today = today;
	for (k = 0; k < DEC__MAX; k++) {
		v.done_on[k] = r.on[k];
		v.done_outcome[k] = r.outcome[k];
	}
	verrs_init(&e);
	if (val_decision(&v, &e) > 0 || statutory_dates(s.received, &st) == -1) {
		(void)api_verrs(c, &e);
		goto done;
	}
	due = decisions[i].kind == DEC_ASSESS ? st.decision_due : st.no_plan_due;
	if (db_begin() == -1) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		goto done;
	}
	res = db_qd(&final_stmts[FS_DECISION_API], c->id_text[0], v.kind,
	    v.outcome, v.date, due, s.caseworker, c->api_council);
	if (res == NULL || db_rows(res) != 1) {
		db_rollback();
		if (res == NULL)
			(void)api_error(c, 503, "the service is unavailable", NULL);
		else
			(void)api_error(c, 400, "this decision is already "
			    "recorded or the assessment has ended", "decision");
		goto done;
	}
	(void)snprintf(id, sizeof(id), "%s", db_val(res, 0, 0));
	PQclear(res);
	res = NULL;
	if (strcmp(v.outcome, "no") == 0) {
		res = db_qd(&decision_stmts[DS_CLOSE], c->id_text[0], v.date);
		if (res == NULL || decision_tell_family(c->id_text[0],
		    s.reference, decisions[i].kind, v.date) == -1) {
			db_rollback();
			(void)api_error(c, 503, "the service is unavailable", NULL);
			goto done;
		}
	}
	if (db_commit() == -1) {
		db_rollback();
		(void)api_error(c, 503, "the service is unavailable", NULL);
		goto done;
	}
	(void)step_timing(due, v.date, &t);
	sbuf_init(&b);
	sbuf_printf(&b, "{\"id\":%s,", id);
	api_kv(&b, "decision", name, 1);
	api_kv(&b, "date", v.date, 1);
	api_kv(&b, "due", due, 1);
	sbuf_printf(&b, "\"on_time\":%s,\"days_late\":%ld}\n",
	    t.on_time ? "true" : "false", t.days_late);
	api_audit(c, "api_record_decision", "assessment", c->id[0]);
	(void)api_reply(c, 201, &b);
done:
	PQclear(res);
	PQclear(r.res);
	json_free(root);
	return (KORE_RESULT_OK);
}

/* One section's paragraphs. */
static void
section_json(struct sbuf *b, const struct plan_body *p, const char *sec)
{
	const struct plan_para	*q;
	char			 num[24];
	size_t			 i;

	sbuf_puts(b, "{");
	api_kv(b, "section", sec, 1);
	sbuf_printf(b, "\"version\":%ld,\"paragraphs\":[", p->version);
	for (i = 0; i < p->n; i++) {
		q = &p->p[i];
		sbuf_puts(b, i ? ",{" : "{");
		api_kv(b, "area", q->area, 1);
		api_kv(b, "text", q->text, 1);
		if (q->by_whom != NULL) {
			api_kv(b, "by_whom", q->by_whom, 1);
			api_kv(b, "how_often", q->how_often, 1);
			api_kv(b, "how_long", q->how_long, 1);
		}
		if (q->src.request_id == 0)
			sbuf_puts(b, "\"source\":null}");
		else {
			(void)snprintf(num, sizeof(num), "%ld", q->src.request_id);
			sbuf_printf(b, "\"source\":{\"advice_request_id\":%s,", num);
			api_kv_or_null(b, "field", q->src.field, 1);
			api_kv(b, "adviser", q->adviser, 1);
			api_kv_or_null(b, "advice_date", q->advice_date, 0);
			sbuf_puts(b, "}}");
		}
	}
	sbuf_puts(b, "]}");
}

/* GET /api/v1/assessments/{id}/plan: the current plan, its sections and
 * the provision check's flags. */
int
api_plan_get(struct ctx *c)
{
	struct final_state	 s;
	struct plan_draft	 d;
	struct prov_conf	 conf;
	struct prov_flags	 f;
	struct sbuf		 b;
	size_t			 i;
	int			 sec, rc;

	if (!state_of(c, &s))
		return (KORE_RESULT_OK);
	if (s.plan[0] == '\0')
		return (api_error(c, 404, "no plan for this assessment yet", NULL));
	memset(&conf, 0, sizeof(conf));
	prov_flags_init(&f);
	rc = plan_view_load(s.plan, &d) == -1 || prov_conf_default(&conf) == -1 ||
	    plan_check(&d, &conf, NULL, &f) == -1;
	prov_conf_free(&conf);
	if (rc) {
		plan_draft_free(&d);
		prov_flags_free(&f);
		return (api_error(c, 503, "the service is unavailable", NULL));
	}
	sbuf_init(&b);
	sbuf_puts(&b, "{");
	api_kv(&b, "status", s.status, 1);
	sbuf_printf(&b, "\"version\":%s,", s.version);
	api_kv_or_null(&b, "named_setting", s.setting, 1);
	sbuf_puts(&b, "\"sections\":[");
	for (sec = 0; sec < PLAN__MAX; sec++) {
		if (sec)
			sbuf_puts(&b, ",");
		section_json(&b, &d.s[sec], plan_section_id((enum plan_section)sec));
	}
	sbuf_puts(&b, "],\"flags\":[");
	for (i = 0; i < f.n; i++) {
		if (f.v[i].kind == FLAG_OTHER_CHILD)
			continue;
		sbuf_puts(&b, b.data[b.len - 1] == '[' ? "{" : ",{");
		api_kv(&b, "section", f.v[i].section, 1);
		sbuf_printf(&b, "\"paragraph\":%zu,", f.v[i].paragraph);
		api_kv(&b, "problem", prov_flag_code(f.v[i].kind), 1);
		api_kv(&b, "message", f.v[i].message, 0);
		sbuf_puts(&b, "}");
	}
	sbuf_puts(&b, "]}\n");
	plan_draft_free(&d);
	prov_flags_free(&f);
	api_audit(c, "api_view_plan", "assessment", c->id[0]);
	return (api_reply(c, 200, &b));
}

/* POST /api/v1/assessments/{id}/plan/final {"issued_on", "setting"}: the
 * setting is one of the council's settings when its name matches one
 * (letter case aside), else the name as typed. */
int
api_final_create(struct ctx *c)
{
	struct final_state	 s;
	struct final_issue	 in;
	struct final_timing	 t;
	struct val_final	 v;
	struct verrs		 e;
	struct json		*root;
	struct sbuf		 b;
	PGresult		*res;
	const char		*setting;
	char			 today[DATE_LEN], id[24];
	int			 answered, rc;

	if (!state_of(c, &s))
		return (KORE_RESULT_OK);
	if (final_is_issued(&s))
		return (api_error(c, 409, "the final plan is already issued", NULL));
	if ((root = api_body(c, final_fields, &answered)) == NULL)
		return (KORE_RESULT_OK);
	setting = json_str(json_get(root, "setting"));
	id[0] = '\0';
	if ((res = db_qd(&final_stmts[FS_SETTING_BY_NAME], s.council,
	    setting)) == NULL) {
		json_free(root);
		return (api_error(c, 503, "the service is unavailable", NULL));
	}
	if (db_rows(res) == 1)
		(void)snprintf(id, sizeof(id), "%s", db_val(res, 0, 0));
	PQclear(res);
	config_today(today);
	memset(&v, 0, sizeof(v));
	v.issued = json_str(json_get(root, "issued_on"));
	v.today = today;
	v.received = s.received;
	v.served = s.plan[0] != '\0' ? s.served : "";
	v.comments_due = s.comments_due;
	v.responded = s.responded;
	v.setting_id = id;
	v.setting_known = id[0] != '\0';
	v.setting_name = id[0] != '\0' ? "" : setting;
	verrs_init(&e);
	if (val_final(&v, &e) > 0) {
		json_free(root);
		return (api_verrs(c, &e));
	}
	memset(&in, 0, sizeof(in));
	in.assessment = c->id_text[0];
	in.issued = v.issued;
	in.setting_id = id;
	in.setting_name = setting;
	in.account = s.caseworker;
	rc = final_issue_run(&s, &in, &t);
	if (rc != 0) {
		json_free(root);
		return (rc == 1 ? api_error(c, 409, "the final plan is already "
		    "issued", NULL) : api_error(c, 503, "the service is "
		    "unavailable", NULL));
	}
	sbuf_init(&b);
	sbuf_puts(&b, "{");
	api_kv(&b, "issued_on", v.issued, 1);
	api_kv(&b, "final_due", t.due, 1);
	api_kv(&b, "setting", setting, 1);
	sbuf_printf(&b, "\"setting_is_known\":%s,\"days_from_request\":%ld,"
	    "\"weeks_from_request\":%ld,\"within_20_weeks\":%s,"
	    "\"days_late\":%ld}\n", id[0] ? "true" : "false", t.days, t.weeks,
	    t.within_20_weeks ? "true" : "false", t.days_late);
	json_free(root);
	api_audit(c, "api_issue_final_plan", "assessment", c->id[0]);
	return (api_reply(c, 201, &b));
}

/* GET /api/v1/assessments/{id}/plan.docx: the current draft or final. */
int
api_plan_docx(struct ctx *c)
{
	struct final_state	 s;
	unsigned char		*out = NULL;
	size_t			 len = 0;
	char			 hdr[160];

	if (!state_of(c, &s))
		return (KORE_RESULT_OK);
	if (s.plan[0] == '\0')
		return (api_error(c, 404, "no plan for this assessment yet", NULL));
	if (final_docx(&s, &out, &len) == -1)
		return (api_error(c, 503, "the service is unavailable", NULL));
	(void)snprintf(hdr, sizeof(hdr), "attachment; filename=\"EHC-plan-%s-%s."
	    "docx\"", s.reference, strcmp(s.status, "final") == 0 ? "final" :
	    "draft");
	api_audit(c, "api_download_plan", "assessment", c->id[0]);
	http_open(c, "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document");
	http_response_header(c->req, "content-disposition", hdr);
	http_response(c->req, 200, out, len);
	free(out);
	return (KORE_RESULT_OK);
}

/* GET /api/v1/assessments/{id}'s plan stage: ,"decisions":[…],"draft":
 * {…}|null,"final":{…}|null (the consultations: consultations_json). 0, -1. */
int
api_plan_fields(struct sbuf *b, const char *assessment)
{
	struct final_state	 s;
	struct final_timing	 t;
	struct step_timing	 st;
	PGresult		*res;
	int			 i;

	if (final_state_load(assessment, &s) != 1 ||
	    (res = db_qd(&decision_stmts[DS_OF], assessment)) == NULL)
		return (-1);
	sbuf_puts(b, ",\"decisions\":[");
	for (i = 0; i < db_rows(res); i++) {
		sbuf_puts(b, i ? ",{" : "{");
		api_kv(b, "kind", db_val(res, i, DC_KIND), 1);
		api_kv_or_null(b, "outcome", db_val(res, i, DC_OUTCOME), 1);
		api_kv(b, "date", db_val(res, i, DC_DECIDED), 1);
		api_kv(b, "due", db_val(res, i, DC_DUE), 1);
		(void)step_timing(db_val(res, i, DC_DUE), db_val(res, i,
		    DC_DECIDED), &st);
		sbuf_printf(b, "\"on_time\":%s}", st.on_time ? "true" : "false");
	}
	PQclear(res);
	sbuf_puts(b, "],\"draft\":");
	if (s.served[0] == '\0')
		sbuf_puts(b, "null");
	else {
		sbuf_puts(b, "{");
		api_kv(b, "served_on", s.served, 1);
		api_kv(b, "comments_due", s.comments_due, 1);
		api_kv_or_null(b, "responded_on", s.responded, 0);
		sbuf_puts(b, "}");
	}
	sbuf_puts(b, ",\"final\":");
	if (s.issued[0] == '\0' || final_timing(s.received, s.issued, &t) == -1)
		sbuf_puts(b, "null");
	else {
		sbuf_puts(b, "{");
		api_kv(b, "issued_on", s.issued, 1);
		api_kv_or_null(b, "setting", s.setting, 1);
		sbuf_printf(b, "\"within_20_weeks\":%s}", t.within_20_weeks ?
		    "true" : "false");
	}
	return (0);
}
