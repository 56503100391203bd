/*
 * portalctl plan-sample: a sample draft (or final) EHC plan, assembled
 * from fixed advice with plan.c and written as .docx with docx.c.  No
 * database.  tests/docx/check.sh opens the result with python-docx and
 * LibreOffice; --copies scales the plan and --time measures assembling
 * it against writing it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "advice.h"
#include "docx.h"
#include "plan.h"
#include "portalctl.h"
#include "template.h"

#define KINDS	5

struct sample {
	const char	*kind, *adviser, *role, *service, *date;
	const char	*const (*v)[4];	/* field, row, column, value */
};

/* One piece of advice per kind: field, row ("-1" whole answer), column,
 * value. */
static const char *const parent_v[][4] = {
	{ "completed_by", "-1", "", "parent" },
	{ "about_me", "-1", "", "Maya loves drawing, horses and swimming." },
	{ "difficulties", "-1", "", "Maya finds busy classrooms hard and "
	    "gets tired by the afternoon." },
	{ "what_helps", "-1", "", "A visual timetable and a quiet place to "
	    "go when it gets too much." },
	{ "important_now", "-1", "", "Making friends at playtime." },
	{ "own_words", "-1", "", "I want a horse." },
	{ "aspirations", "-1", "", "To go to the same secondary school as "
	    "her cousin and to work with animals." },
	{ "other_information", "-1", "", "Maya's grandmother collects her "
	    "after school." },
	{ NULL, NULL, NULL, NULL }
};
static const char *const edu_v[][4] = {
	{ "attainment", "-1", "", "Working at Year 2 level in reading and "
	    "Year 3 level in mathematics." },
	{ "attendance", "-1", "", "96% this year." },
	{ "support_so_far", "-1", "", "Small-group phonics since Year 2." },
	{ "pupil_views", "-1", "", "I like art and I like my teacher." },
	{ "specialist_teacher", "-1", "", "not_applicable" },
	{ "ci_strengths", "-1", "", "Maya listens well one to one." },
	{ "ci_needs", "-1", "", "Maya finds it hard to follow instructions "
	    "with more than two steps." },
	{ "ci_outcomes_long", "-1", "", "By the end of Year 6, Maya will "
	    "follow three-step instructions in class.\nBy the end of Year 6, "
	    "Maya will ask an adult for help when she is stuck." },
	{ "ci_provision", "0", "what", "Small-group language programme" },
	{ "ci_provision", "0", "by_whom", "Teaching assistant trained by the "
	    "speech and language therapist" },
	{ "ci_provision", "0", "how_often", "3 times a week, 20 minutes" },
	{ "ci_provision", "0", "how_long", "Until the annual review" },
	{ "semh_needs", "-1", "", "Maya becomes anxious at transitions "
	    "between lessons." },
	{ "semh_provision", "0", "what", "A visual timetable checked with "
	    "an adult" },
	{ "semh_provision", "0", "by_whom", "Class teacher" },
	{ "semh_provision", "0", "how_often", "Every morning, 5 minutes" },
	{ "semh_provision", "0", "how_long", "One year" },
	{ "cl_needs", "-1", "", "Maya needs new learning broken into small "
	    "steps." },
	{ "sp_needs", "-1", "", "No needs in this area." },
	{ NULL, NULL, NULL, NULL }
};
static const char *const psych_v[][4] = {
	{ "date_seen", "-1", "", "2026-10-20" },
	{ "background", "-1", "", "Referred by the school after two years "
	    "of SEN support." },
	{ "assessment_methods", "-1", "", "Observation in class, "
	    "consultation with staff and parents, BAS-3." },
	{ "child_views", "-1", "", "Maya said she likes reading with Mrs "
	    "Hall." },
	{ "ci_needs", "-1", "", "Maya's receptive language is below that "
	    "expected for her age." },
	{ "cl_needs", "-1", "", "Maya's working memory is well below "
	    "average; her verbal reasoning is average." },
	{ "cl_outcomes_short", "-1", "", "Within 12 months Maya will read "
	    "100 common words." },
	{ "cl_provision", "0", "what", "Precision teaching of common words" },
	{ "cl_provision", "0", "by_whom", "Teaching assistant" },
	{ "cl_provision", "0", "how_often", "Daily, 10 minutes" },
	{ "cl_provision", "0", "how_long", "Two terms, then reviewed" },
	{ "semh_needs", "-1", "", "Maya's anxiety rises when routines "
	    "change without warning." },
	{ "sp_needs", "-1", "", "No needs in this area." },
	{ "summary", "-1", "", "Maya has needs in communication and "
	    "learning that call for planned, frequent small-group teaching." },
	{ NULL, NULL, NULL, NULL }
};
static const char *const medical_v[][4] = {
	{ "date_seen", "-1", "", "2026-10-28" },
	{ "history", "-1", "", "Born at term; walked at 14 months." },
	{ "diagnoses", "-1", "", "Joint hypermobility." },
	{ "health_needs", "-1", "", "Maya tires when writing for long "
	    "periods." },
	{ "health_care_plan", "-1", "", "not_needed" },
	{ "provision", "0", "what", "Occupational therapy review" },
	{ "provision", "0", "by_whom", "Paediatric occupational therapist" },
	{ "provision", "0", "how_often", "Once a term" },
	{ "provision", "0", "how_long", "One year" },
	{ NULL, NULL, NULL, NULL }
};
static const char *const social_v[][4] = {
	{ "involvement", "-1", "", "early_help" },
	{ "background", "-1", "", "The family had early help in 2025." },
	{ "needs", "-1", "", "Maya needs support to join after-school "
	    "activities." },
	{ "provision_h2", "0", "what", "Place at a holiday play scheme" },
	{ "provision_h2", "0", "by_whom", "Demoshire short breaks team" },
	{ "provision_h2", "0", "how_often", "Two weeks each summer" },
	{ "provision_h2", "0", "how_long", "Until the annual review" },
	{ NULL, NULL, NULL, NULL }
};

static const struct sample samples[KINDS] = {
	{ "parent", "Sarah Patel", "Mother", "", "2026-10-12", parent_v },
	{ "educational", "Jane Okafor", "SENCO", "Brookfield Primary School",
	    "2026-10-30", edu_v },
	{ "psychological", "Dr Evan Price", "Educational Psychologist",
	    "Demoshire EP Service", "2026-11-03", psych_v },
	{ "medical", "Dr Amira Khan", "Community Paediatrician",
	    "Demoshire NHS Trust", "2026-11-05", medical_v },
	{ "social_care", "Tom Reed", "Social Worker",
	    "Demoshire Children's Services", "2026-11-06", social_v },
};

static double
now(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
paragraphs(const struct plan_draft *d)
{
	size_t	n = 0;
	int	s;

	for (s = 0; s < PLAN__MAX; s++)
		n += d->s[s].n;
	return n;
}

int
cmd_plan_sample(int argc, char **argv)
{
	struct tpl_set		 set;
	struct avals		*vals = NULL;
	struct plan_advice	*adv = NULL;
	struct plan_draft	 d;
	struct docx_meta	 m;
	const char		*root = getenv("PORTAL_ROOT"), *file = NULL;
	char			 dir[1024], schema[1100], err[512];
	unsigned char		*buf;
	size_t			 len = 0, i, n = 0, k;
	double			 t0, ta, tw;
	long			 copies = 1, reps = 0;
	int			 a, fd, rc = 1, final = 0;
	const char		*name = "Maya Patel";

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--final") == 0)
			final = 1;
		else if (strcmp(argv[a], "--copies") == 0 && a + 1 < argc)
			copies = strtol(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--time") == 0 && a + 1 < argc)
			reps = strtol(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--name") == 0 && a + 1 < argc)
			name = argv[++a];
		else if (file == NULL && argv[a][0] != '-')
			file = argv[a];
		else
			return ctl_usage();
	}
	if (file == NULL || copies < 1 || copies > 1000 || reps < 0 ||
	    reps > 100000)
		return ctl_usage();

	(void)snprintf(dir, sizeof(dir), "%s/templates/advice",
	    root ? root : ".");
	(void)snprintf(schema, sizeof(schema), "%s/template.rng", dir);
	if (tpl_set_load(&set, dir, schema, err, sizeof(err)) != 0) {
		fprintf(stderr, "portalctl: advice templates: %s\n", err);
		return 1;
	}
	n = (size_t)copies * KINDS;
	if ((vals = calloc(n, sizeof(*vals))) == NULL ||
	    (adv = calloc(n, sizeof(*adv))) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		const struct sample	*s = &samples[i % KINDS];

		avals_init(&vals[i]);
		for (k = 0; s->v[k][0] != NULL; k++)
			if (avals_add(&vals[i], s->v[k][0],
			    atoi(s->v[k][1]), s->v[k][2], s->v[k][3]) == -1)
				goto done;
		adv[i] = (struct plan_advice){ (long)i + 1, (long)i + 101,
		    s->kind, s->adviser, s->role, s->service, s->date,
		    tpl_for_kind(&set, s->kind), &vals[i] };
		if (adv[i].tpl == NULL) {
			fprintf(stderr, "portalctl: no template %s\n", s->kind);
			goto done;
		}
	}
	m = (struct docx_meta){ final, name, "2017-03-14", "EHC-2026-00001",
	    "Demoshire County Council", final ? "2027-01-25" : "2026-12-01" };

	if (plan_assemble(adv, n, &d) == -1) {
		plan_draft_free(&d);
		goto done;
	}
	if (final) {
		/* The named setting, as the caseworker writes it. */
		struct plan_body	*b = &d.s[PLAN_I];
		struct plan_para	*p;

		if ((p = calloc(1, sizeof(*p))) == NULL) {
			plan_draft_free(&d);
			goto done;
		}
		p->area = strdup("general");
		p->text = strdup("Brookfield Primary School, a mainstream "
		    "primary school");
		p->label = strdup("");
		p->adviser = strdup("");
		p->role = strdup("");
		p->service = strdup("");
		p->kind = strdup("");
		b->p = p;
		b->n = b->cap = 1;
		if (!p->area || !p->text || !p->label || !p->adviser ||
		    !p->role || !p->service || !p->kind) {
			plan_draft_free(&d);
			goto done;
		}
	}
	if ((fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1) {
		perror(file);
		plan_draft_free(&d);
		goto done;
	}
	if (docx_plan_fd(&d, &m, fd) == -1 || close(fd) == -1) {
		fprintf(stderr, "portalctl: cannot write %s\n", file);
		plan_draft_free(&d);
		goto done;
	}
	printf("%s: %zu paragraphs from %zu pieces of advice\n", file,
	    paragraphs(&d), n);

	if (reps > 0) {
		struct plan_draft	 t;

		t0 = now();
		for (a = 0; a < reps; a++) {
			if (plan_assemble(adv, n, &t) == -1)
				break;
			plan_draft_free(&t);
		}
		ta = (now() - t0) / (double)reps;
		t0 = now();
		for (a = 0; a < reps; a++) {
			if (docx_plan_mem(&d, &m, &buf, &len) == -1)
				break;
			free(buf);
		}
		tw = (now() - t0) / (double)reps;
		printf("assemble %.3f ms, docx %.3f ms (%zu bytes), docx/"
		    "assemble %.1f\n", ta * 1e3, tw * 1e3, len, tw / ta);
	}
	plan_draft_free(&d);
	rc = 0;
done:
	for (i = 0; vals != NULL && i < n; i++)
		avals_free(&vals[i]);
	free(vals);
	free(adv);
	tpl_set_free(&set);
	return rc;
}
