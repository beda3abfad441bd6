# rotaplan - build, test, sanitizer and demo targets.
#
#   make              build ./rotaplan, bench/mss-import, bench/mss-gen and bench/price-probe
#   make test         install missing Debian packages, build, run every test
#   make asan-test    the same tests under AddressSanitizer + UBSan
#   make demo         install, build and solve the Quang Ninh 2025 config
#   make valgrind-test  a fast subset of the tests and a few commands under valgrind
#   make fuzz         build the libFuzzer targets (clang) into build-fuzz/fuzz/
#   make fuzz-run     run each fuzz target FUZZ_SECONDS (60) on its seed corpus
#   make deps         only install the Debian packages the build needs
#   make test-deps    also those the tests read outputs with (chromium, pdftotext, ...)
#
# Layers. Every include names its layer from the top of the tree
# ("model/model.h", "solver/form/form.h"), and each layer compiles against a
# view of the tree (build/include/LAYER, symbolic links) holding only the
# layers it may use, so a wrong-way include fails to compile. Dependencies
# point one way:
#
#   cli -> whatif -> replan -> diagnose -> solve -> glpk, heur, sched -> form -> model -> base
#   cli -> gen -> model
#   cli -> publish -> model
#
# bench/ and tests/ sit above everything; nothing in the product sees them.

CC      ?= cc
CFLAGS  ?= -O2 -g
# The project's own flags: kept whatever CFLAGS a caller (or make asan) sets.
RP_CFLAGS = -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
            -D_POSIX_C_SOURCE=200809L -MMD -MP
LDLIBS  = -lglpk -lyaml -lxlsxwriter -lical -lm -pthread
BUILD   ?= build

DEB_PACKAGES = build-essential libglpk-dev libyaml-dev libcmocka-dev libxlsxwriter-dev libical-dev
# What tests/test-publish reads the published outputs with, as a person would.
TEST_PACKAGES = chromium poppler-utils python3-openpyxl python3-icalendar python3-yaml

# What each layer may include (itself among them).
USES_base     = base
USES_model    = base model
USES_form     = base model solver/form
USES_heur     = base model solver/form solver/heur
USES_sched    = base model solver/form solver/sched
USES_glpk     = base model solver/form solver/glpk
USES_solve    = $(USES_glpk) solver/heur solver/sched solver/solve
USES_diagnose = $(USES_solve) solver/diagnose
USES_replan   = $(USES_diagnose) solver/replan
USES_whatif   = $(USES_replan) solver/whatif
USES_gen      = base model solver/gen
USES_publish  = base model solver/publish
USES_cli      = $(USES_whatif) solver/gen solver/publish solver/cli
USES_bench    = $(USES_cli) bench
USES_tests    = $(USES_bench) tests/support tests/fuzz tests/inject
LAYERS = base model form heur sched glpk solve replan diagnose whatif gen publish cli bench tests

# The layer of a source file, from its folder.
layer_of = $(patsubst solver/%,%,$(patsubst %/,%,$(firstword \
             $(subst /inject/,/,$(subst /fuzz/,/,$(subst /support/,/,$(dir $(1))))))))

LIB_DIRS = base model $(addprefix solver/,form heur sched glpk solve replan diagnose whatif gen publish cli)
LIB_SRC  = $(filter-out solver/cli/main.c,$(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c)))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC = $(filter-out $(if $(SANITIZED),tests/test_nomem.c),$(wildcard tests/test_*.c))
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT = $(wildcard tests/support/*.c)
TEST_SUPPORT_OBJ = $(TEST_SUPPORT:%.c=$(BUILD)/%.o)
# What the MSS importer and generator share: .dzn reading, instances, configs, plans.
MSS_SRC    = $(filter-out bench/mss_main.c bench/mss_gen%,$(wildcard bench/mss_*.c)) \
             $(wildcard bench/dzn*.c)
IMPORT_SRC = bench/mss_main.c $(MSS_SRC)
IMPORT_OBJ = $(IMPORT_SRC:%.c=$(BUILD)/%.o)
MSSGEN_SRC = $(wildcard bench/mss_gen*.c) $(MSS_SRC)
MSSGEN_OBJ = $(MSSGEN_SRC:%.c=$(BUILD)/%.o)

ROTAPLAN = $(if $(filter build,$(BUILD)),rotaplan,$(BUILD)/rotaplan)
MSS_IMPORT = $(if $(filter build,$(BUILD)),bench/mss-import,$(BUILD)/mss-import)
MSS_GEN = $(if $(filter build,$(BUILD)),bench/mss-gen,$(BUILD)/mss-gen)
PRICE_PROBE = $(if $(filter build,$(BUILD)),bench/price-probe,$(BUILD)/price-probe)

.PHONY: all test asan asan-test valgrind-test demo deps test-deps clean layer-flags fuzz \
        fuzz-targets fuzz-run
all: $(ROTAPLAN) $(MSS_IMPORT) $(MSS_GEN) $(PRICE_PROBE)

$(ROTAPLAN): $(BUILD)/solver/cli/main.o $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(MSS_IMPORT): $(IMPORT_OBJ) $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(MSS_GEN): $(MSSGEN_OBJ) $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(PRICE_PROBE): $(BUILD)/bench/price_probe.o $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/librotaplan.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

# The include view of a layer: a folder of links to what it may use.
$(BUILD)/include/%/.view: Makefile
	@rm -rf $(dir $@) && mkdir -p $(dir $@)
	@for d in $(USES_$*); do mkdir -p $(dir $@)$$(dirname $$d); ln -s $(CURDIR)/$$d $(dir $@)$$d; done
	@touch $@

.SECONDEXPANSION:
$(BUILD)/%.o: %.c | $(BUILD)/include/$$(call layer_of,%.c)/.view
	@mkdir -p $(dir $@)
	$(CC) $(RP_CFLAGS) -I$(BUILD)/include/$(call layer_of,$<) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The flags a file of LAYER compiles with (tests/test_layers uses them).
layer-flags: $(BUILD)/include/$(LAYER)/.view
	@echo $(RP_CFLAGS) -I$(BUILD)/include/$(LAYER) $(CPPFLAGS) $(CFLAGS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_SUPPORT_OBJ) $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# The out-of-memory walk replaces the allocator: its own link (and, for the
# walk through the rotaplan binary, a preloadable copy), and no place in a
# sanitizer build (SANITIZED is set there), which brings its own.
$(BUILD)/tests/test_nomem: $(BUILD)/tests/test_nomem.o $(BUILD)/tests/inject/alloc_fail.o \
                           $(TEST_SUPPORT_OBJ) $(BUILD)/librotaplan.a \
                           $(BUILD)/tests/inject/alloc_fail.so
	$(CC) $(CFLAGS) $(LDFLAGS) -rdynamic -o $@ $(filter-out %.so,$^) $(LDLIBS) -lcmocka

# Preloadable failures for end-to-end tests (tests/inject/), never sanitized
# themselves: a sanitized binary keeps its own runtime first.
$(BUILD)/tests/inject/%.so: tests/inject/%.c | $(BUILD)/include/tests/.view
	@mkdir -p $(dir $@)
	$(CC) $(RP_CFLAGS) -I$(BUILD)/include/tests $(CPPFLAGS) \
	  $(filter-out -fsanitize%,$(CFLAGS)) -fPIC -shared -o $@ $<

$(BUILD)/tests/test_cli_output: $(BUILD)/tests/inject/interrupt_at.so

# Tests run from the top directory; end-to-end tests find the binaries here.
test: test-deps all $(TEST_BIN)
	@ROTAPLAN=./$(ROTAPLAN) MSS_IMPORT=./$(MSS_IMPORT) MSS_GEN=./$(MSS_GEN) BUILD=$(BUILD) \
	  tests/run-all $(TEST_BIN) tests/test-layers tests/test-publish

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan:
	$(MAKE) BUILD=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  SANITIZED=1 all

asan-test: test-deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(MAKE) BUILD=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  SANITIZED=1 test

# Fuzzing (tests/fuzz/): libFuzzer targets built with clang under ASan and
# UBSan, every object instrumented for coverage. FUZZ_FORMAT_* picks the plan
# reader each fuzz_plan_* binary feeds.
FUZZ_TARGETS = config roster plan_csv plan_yaml plan_json dzn
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
FUZZ_SECONDS ?= 60
FUZZ_FORMAT_csv = RP_FORMAT_CSV
FUZZ_FORMAT_yaml = RP_FORMAT_YAML
FUZZ_FORMAT_json = RP_FORMAT_JSON
FUZZ_COMMON = $(BUILD)/tests/fuzz/fuzz_input.o $(BUILD)/librotaplan.a

fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" fuzz-targets

fuzz-targets: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
.PRECIOUS: $(BUILD)/tests/fuzz/%.o

$(BUILD)/fuzz/fuzz_dzn: $(BUILD)/tests/fuzz/fuzz_dzn.o $(filter-out %/mss_main.o,$(IMPORT_OBJ)) \
                        $(FUZZ_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/fuzz/fuzz_plan_%: $(BUILD)/tests/fuzz/fuzz_plan_%.o $(FUZZ_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/fuzz/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LDLIBS)

# (a static pattern: as a plain pattern it would also claim the .d files)
FUZZ_PLAN_OBJ = $(foreach f,csv yaml json,$(BUILD)/tests/fuzz/fuzz_plan_$(f).o)
$(FUZZ_PLAN_OBJ): $(BUILD)/tests/fuzz/fuzz_plan_%.o: tests/fuzz/fuzz_plan.c \
                  | $(BUILD)/include/tests/.view
	@mkdir -p $(dir $@)
	$(CC) $(RP_CFLAGS) -I$(BUILD)/include/tests -DFUZZ_FORMAT=$(FUZZ_FORMAT_$*) $(CPPFLAGS) \
	  $(CFLAGS) -c -o $@ $<

# Runs every target for FUZZ_SECONDS on its seeds; fails on the first crash.
fuzz-run: fuzz
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# In-process programs that take seconds and have no time limits (valgrind's
# slowness would change what a time-limited test sees).
VALGRIND_TESTS = test_load test_csv test_plan_io test_precheck test_check test_atomic_file \
                 test_cli_options test_export test_generate
valgrind-test: deps all $(VALGRIND_TESTS:%=$(BUILD)/tests/%)
	@command -v valgrind >/dev/null || { echo "valgrind-test needs valgrind" >&2; exit 2; }
	tests/run-valgrind $(BUILD) $(VALGRIND_TESTS:%=$(BUILD)/tests/%)

demo: deps all
	./rotaplan solve configs/quang_ninh.yaml -o quang_ninh-plan.csv

test-deps: PACKAGES = $(DEB_PACKAGES) $(TEST_PACKAGES)
test-deps: deps

deps:
	@missing=""; for p in $(or $(PACKAGES),$(DEB_PACKAGES)); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y $$missing; \
	fi

clean:
	rm -rf build build-asan build-fuzz rotaplan bench/mss-import bench/mss-gen bench/price-probe

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
