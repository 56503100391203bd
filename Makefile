# EHC Advice Portal. `make run` and `make test` are the two commands (README).
.SUFFIXES:

SHELL		= /bin/bash
PORT		?= 8888
BIND		?= 127.0.0.1
VAR		= $(CURDIR)/var
PGDIR		= $(VAR)/pg
TEST_PORT	?= 18888

DEBS = kore libsodium-dev check libxml2-dev libzip-dev zlib1g-dev libpq-dev \
	pkg-config postgresql-15 postgresql-client-15 chromium python3-aiosmtpd \
	valgrind wrk make gcc clang curl bc binutils sqlmap libssl-dev libqrencode-dev
# The .docx proof (make docx-check): LibreOffice and python-docx read the plan.
DEBS += libreoffice-writer-nogui python3-docx
# Node.js and npm: the machine's own when present (Debian's npm package
# conflicts with a NodeSource node); Debian's otherwise.
NODE_DEBS = nodejs npm

# Read when compiling, not when make starts: on a new machine kore is
# installed by the deps step of the same make run.
KORE_FEATURES	= $$(cat /usr/share/kore/features)
WARN	= -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	  -Wshadow -Wcast-qual -Wsign-compare
HARDEN	= -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIC
CFLAGS	?= -O2 -g
# portal/ is one folder per layer (README, "Layout"); a module
# keeps its name in PURE and KORE whichever room holds it.
ROOMS	= domain lib files storage mail web views pages cli
INC	= $(ROOMS:%=-Iportal/%)
vpath %.c $(ROOMS:%=portal/%)
# The source files of a list of module names.
src_of	= $(foreach m,$(1),$(wildcard $(ROOMS:%=portal/%/$(m).c)))
PURE_CFLAGS = $(CFLAGS) -std=c99 -pedantic -D_DEFAULT_SOURCE $(WARN) $(HARDEN) $(INC) \
	  $$(pkg-config --cflags libsodium libxml-2.0 libzip) -I/usr/include/postgresql
KORE_CFLAGS = $(CFLAGS) -std=c99 -D_GNU_SOURCE $(WARN) $(HARDEN) $(INC) \
	  $(KORE_FEATURES) $$(pkg-config --cflags libsodium libxml-2.0 libzip)
LIBS	= -lpq $$(pkg-config --libs libsodium libxml-2.0 libzip zlib libcrypto libqrencode)

# Pure modules: no Kore headers, linked by the unit tests and portalctl too.
PURE	= sbuf esc form tmpl password common_passwords token roles config db sql \
	  clock checks advice template filetype zipcheck pdfcheck docstore_crypto \
	  multipart json chase chase_sql chaser mailer smtp totp throttle tasks docname imagecheck vocab validate reqhead datefmt
# Kore side of the module.
KORE	= main dispatch routes http_out session signin home admin assets audit \
	  assessment request advice_page documents notify invitation clamd api bench \
	  chase_timer exception acknowledge two_step advice_tasks bodylimit flash \
	  page request_view request_summary chase_view advice_form advice_tasks_view \
	  documents_view assessment_view
# The council's own administration and its long lists (issue 11).
PURE	+= paging admin_rules admin_sql
KORE	+= listing

PURE_OBJ = $(PURE:%=build/%.o)
KORE_OBJ = $(KORE:%=build/%.o)
HDRS	= $(wildcard portal/*/*.h)
# The draft plan's pure modules (issue 12): assembly, provision check, dates.
PURE	+= plan provision plan_dates
# The plan as a Word document (issue 12): libxml2 + libzip.
PURE	+= docx
# Management information (issue 13): figures, CSV import reader.
PURE	+= figures csvread figures_sql
KORE	+= dashboard
# The draft plan's pages (issue 12): assemble, edit, re-assemble, .docx.
PURE	+= plan_sql
KORE	+= plan_page plan_view

# The assessment's decisions (issue 12).
PURE	+= decision_sql
KORE	+= decision decision_view
# The advice form as .docx and its provision warnings (issue 12).
PURE	+= docx_form docx_read advice_check xmlw
KORE	+= advice_docx advice_warnings

# Parents' comments on the served draft (issue 12).
PURE	+= comments comments_sql plan_store
KORE	+= draft_serve draft_comments comments_view
# The case import and the SEN2 extract (issue 13): the row mapping, the
# extract's items, their SQL.
PURE	+= import_rows sen2 import_sql
KORE	+= import_page

# School consultations (issue 12).
PURE	+= consult_sql
KORE	+= consult consultation_view

# The final EHC plan (issue 12): rules, statements, pages, API.
PURE	+= final final_sql
KORE	+= final_page api_plan api_io

# Daily and weekly routines (issue 13): work lists, reassigning a case,
# the family's timeline.
PURE	+= worklist timeline worklist_sql
KORE	+= worklists timeline_view worklist_view

all: build/portal.so build/portalctl assets/govuk/portal.css

build/%.o: %.c $(HDRS)
	@mkdir -p build
	@if [[ " $(KORE) " == *" $* "* ]]; then \
		echo "cc (kore) $<"; $(CC) $(KORE_CFLAGS) -c -o $@ $<; \
	else echo "cc $<"; $(CC) $(PURE_CFLAGS) -c -o $@ $<; fi

build/portal.so: $(PURE_OBJ) $(KORE_OBJ)
	$(CC) -shared -Wl,-z,relro,-z,now -o $@ $(PURE_OBJ) $(KORE_OBJ) $(LIBS)

CTL_OBJ	= build/portalctl.o build/demo.o build/ctl_chase.o build/demo_final.o
CTL_OBJ	+= build/ctl_plan.o
CTL_OBJ	+= build/demo_plan.o
CTL_OBJ	+= build/ctl_import.o
CTL_OBJ	+= build/ctl_form.o
# The demo's school consultations (issue 12).
CTL_OBJ	+= build/demo_consult.o
CTL_OBJ	+= build/demo_worklists.o
CTL_OBJ	+= build/ctl_report.o

build/portalctl: $(CTL_OBJ) $(PURE_OBJ)
	$(CC) -pie -Wl,-z,relro,-z,now -o $@ $(CTL_OBJ) $(PURE_OBJ) $(LIBS)

# --- packages ---------------------------------------------------------------
deps: var/.deps node_modules/.package-lock.json

var/.deps:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done; \
		command -v npm >/dev/null || echo $(NODE_DEBS)); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing: $$missing"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Missing Debian packages. Run:"; \
			echo "  sudo apt-get install -y --no-install-recommends $$missing"; exit 1; \
		fi; \
	fi
	@mkdir -p var && touch $@

node_modules/.package-lock.json: package.json package-lock.json var/.deps
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets/govuk/portal.css: node_modules/.package-lock.json scripts/build-assets.sh $(wildcard assets/src/*)
	bash scripts/build-assets.sh

assets: assets/govuk/portal.css

# --- database ---------------------------------------------------------------
db: deps
	scripts/pg.sh start $(PGDIR)
	scripts/db-setup.sh $(PGDIR)
	PORTAL_DB_OWNER="host=$(PGDIR)/run dbname=portal user=portal_owner" scripts/migrate.sh

demo: db build/portalctl
	PORTAL_DB="$$(scripts/pg.sh conninfo $(PGDIR))" build/portalctl demo-data

# A large fictional council (issue 13) beside the demo, in the same
# database: Largeshire County Council, 20,000 assessments over 5 years,
# about 200,000 advice requests; its manager is manager@large.test.
demo-large: demo
	time psql -X -q -v ON_ERROR_STOP=1 -d "host=$(PGDIR)/run dbname=portal user=portal_owner" \
	    -f scripts/demo-large.sql

stop:
	-@[ -f $(VAR)/portal.pid ] && kill $$(cat $(VAR)/portal.pid) 2>/dev/null; true
	scripts/pg.sh stop $(PGDIR)

reset-db:
	scripts/pg.sh stop $(PGDIR)
	rm -rf $(PGDIR)

clean:
	rm -rf build assets/govuk var/test var/*.conf

# --- run --------------------------------------------------------------------
var/portal.conf: conf/portal.conf.in scripts/mkconf.sh Makefile
	scripts/mkconf.sh $(PORT) $(VAR) $(BIND) > $@

# The master key encrypts stored documents. It lives outside the database;
# lose it and the documents are unreadable (README: back it up separately).
var/master.key: | build/portalctl
	@mkdir -p var
	build/portalctl make-key $@

run: deps all demo var/portal.conf var/master.key
	@echo "Portal: http://$(BIND):$(PORT)/  (demo accounts in README.md; Ctrl-C stops it, make stop stops the database)"
	rm -rf var/tmp/*
	PORTAL_DB="$$(scripts/pg.sh conninfo $(PGDIR))" PORTAL_ROOT=$(CURDIR) \
	PORTAL_MASTER_KEY_FILE=$(VAR)/master.key VAR=$(VAR) \
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://$(BIND):$(PORT)} bash scripts/run.sh

# --- tests ------------------------------------------------------------------
UNIT	!= ls tests/unit/test_*.c | sed 's|tests/unit/test_||; s|\.c$$||'
CHECK_LIBS = $$(pkg-config --libs check)

build/test_%: tests/unit/test_%.c $(PURE_OBJ)
	$(CC) $(PURE_CFLAGS) -o $@ $< $(PURE_OBJ) $(LIBS) $(CHECK_LIBS)

unit: $(UNIT:%=build/test_%)
	@for t in $(UNIT); do echo "== unit: $$t"; build/test_$$t || exit 1; done

# The same tests built with AddressSanitizer + UndefinedBehaviorSanitizer,
# and run under valgrind (no fork, so leaks are seen): both must be clean.
SAN	= -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# Each pure module is compiled once with the sanitizers, then linked into
# every test (compiling them all per test took most of make test's time).
ASAN_OBJ = $(PURE:%=build/asan/%.o)
build/asan/%.o: %.c $(HDRS)
	@mkdir -p build/asan
	@echo "cc (asan) $<"; $(CC) $(PURE_CFLAGS) -O1 $(SAN) -c -o $@ $<

build/asan/test_%: tests/unit/test_%.c $(ASAN_OBJ)
	$(CC) $(PURE_CFLAGS) -O1 $(SAN) -o $@ $< $(ASAN_OBJ) $(LIBS) $(CHECK_LIBS)

unit-asan: $(UNIT:%=build/asan/test_%)
	@for t in $(UNIT); do echo "== asan: $$t"; \
	    ASAN_OPTIONS=detect_leaks=1 build/asan/test_$$t >/dev/null || exit 1; done

unit-valgrind: $(UNIT:%=build/test_%)
	@for t in $(UNIT); do echo "== valgrind: $$t"; \
	    CK_FORK=no valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=1 build/test_$$t >/dev/null || exit 1; done

# libFuzzer harnesses (clang): a short run of each in CI, longer on demand
# with FUZZ_SECONDS=600 make fuzz.
FUZZ	!= ls tests/fuzz/fuzz_*.c 2>/dev/null | sed 's|tests/fuzz/||; s|\.c$$||'
FUZZ_SECONDS ?= 20
FUZZ_CFLAGS = -g -O1 -std=c99 -D_DEFAULT_SOURCE $(INC) -I/usr/include/postgresql \
	    $$(pkg-config --cflags libxml-2.0 libzip)
# The pure modules once, instrumented for libFuzzer, linked into each harness.
FUZZ_OBJ = $(PURE:%=build/fuzzobj/%.o)
build/fuzzobj/%.o: %.c $(HDRS)
	@mkdir -p build/fuzzobj
	@echo "clang (fuzz) $<"; clang $(FUZZ_CFLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
	    -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz: $(FUZZ:%=build/fuzz/%)
	@mkdir -p var/fuzz
	@for f in $(FUZZ); do echo "== fuzz: $$f ($(FUZZ_SECONDS) s)"; \
	    mkdir -p var/fuzz/$$f; \
	    TMPDIR=$(VAR)/fuzz build/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	      -artifact_prefix=var/fuzz/$$f- \
	      -print_final_stats=1 var/fuzz/$$f tests/fuzz/corpus/$$f 2>var/fuzz/$$f.log \
	      || { tail -40 var/fuzz/$$f.log; exit 1; }; \
	    grep -h 'stat::number_of_executed_units' var/fuzz/$$f.log; done

test: deps all
	TEST_PORT=$(TEST_PORT) bash tests/run.sh

# Fault tests: workers killed mid-upload, the database stopped under load.
faults: deps all
	bash tests/faults.sh

# Benchmarks (not tests): ratios against baselines measured in the same run.
bench: deps all build/latency
	bash scripts/bench.sh
	bash scripts/bench-plan.sh
	bash scripts/bench-mi.sh

# The dashboard and the monthly table over make demo-large, as ratios
# against the inbox page (scripts/bench-mi.sh; also run by make bench).
bench-mi: deps all build/latency
	bash scripts/bench-mi.sh

# The bench's second opinion on latency (scripts/latency.c).
build/latency: scripts/latency.c
	@mkdir -p build
	$(CC) $(CFLAGS) -std=c99 -D_GNU_SOURCE $(WARN) $(HARDEN) -pie -o $@ $< -lpthread

.PHONY: faults bench all deps assets db demo stop reset-db clean run unit unit-asan unit-valgrind fuzz test

# SQL injection scan (sqlmap, tests/security/sqlmap.sh) of a throwaway
# database and portal; make test runs the same scan against its own portal.
SQLMAP_PORT	?= 18897
sqlmap: deps all
	bash -c 'set -euo pipefail; source scripts/stack.sh; trap stack_down EXIT; \
	    stack_up "$(VAR)/sqlmap-run" $(SQLMAP_PORT); export TEST_VAR=$$STACK_VAR; \
	    bash tests/security/sqlmap.sh'

.PHONY: sqlmap

# One chase pass over a national year of advice requests (not a test):
# scripts/bench-chase.sh, into the portal_bench database of var/pg.
bench-chase: deps all
	bash scripts/bench-chase.sh

# Issue 14 item 5's memory attack against a throwaway portal (port 18898):
# workers' resident memory before, at peak and after (README, Security).
dos-memory: deps all
	bash scripts/dos-memory.sh

.PHONY: bench-chase dos-memory demo-large bench-mi

# The draft plan's assembly and .docx against the inbox (scripts/bench-plan.sh).
bench-plan: deps all
	bash scripts/bench-plan.sh
.PHONY: bench-plan

# The plan as .docx read by python-docx and LibreOffice (tests/docx/check.sh).
# Needs the Debian packages only (var/.deps), not node.
docx-check: var/.deps build/portalctl
	bash tests/docx/check.sh

.PHONY: docx-check

# Every role's pages at 375 × 667: width and a screenshot each (scripts/walk.sh).
walk: deps all
	bash scripts/walk.sh
.PHONY: walk

# The work lists and the caseload over make demo-large, as ratios against
# the inbox page (scripts/bench-lists.sh; port 18894, BENCH_LISTS_PORT).
bench-lists: deps all
	bash scripts/bench-lists.sh
.PHONY: bench-lists
