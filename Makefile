# rotaplan - build, test, sanitizer and demo targets.
#
#   make              build ./rotaplan, bench/mss-import and bench/mss-gen
#   make test         install missing Debian packages, build, run every test
#   make asan-test    the same tests under AddressSanitizer + UBSan
#   make demo         install, build and solve the Quang Ninh 2025 config
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
USES_tests    = $(USES_bench) tests/support
LAYERS = base model form heur sched glpk solve replan diagnose whatif gen publish cli bench tests

# The layer of a source file, from its folder.
layer_of = $(patsubst solver/%,%,$(patsubst %/,%,$(firstword $(subst /support/,/,$(dir $(1))))))

LIB_DIRS = base model $(addprefix solver/,form heur sched glpk solve replan diagnose whatif gen publish cli)
LIB_SRC  = $(filter-out solver/cli/main.c,$(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c)))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC = $(wildcard tests/test_*.c)
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

.PHONY: all test asan asan-test demo deps test-deps clean layer-flags
all: $(ROTAPLAN) $(MSS_IMPORT) $(MSS_GEN)

$(ROTAPLAN): $(BUILD)/solver/cli/main.o $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(MSS_IMPORT): $(IMPORT_OBJ) $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(MSS_GEN): $(MSSGEN_OBJ) $(BUILD)/librotaplan.a
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

# Tests run from the top directory; end-to-end tests find the binaries here.
test: test-deps all $(TEST_BIN)
	@ROTAPLAN=./$(ROTAPLAN) MSS_IMPORT=./$(MSS_IMPORT) MSS_GEN=./$(MSS_GEN) BUILD=$(BUILD) \
	  tests/run-all $(TEST_BIN) tests/test-layers tests/test-publish

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan:
	$(MAKE) BUILD=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" all

asan-test: test-deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(MAKE) BUILD=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" test

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
	rm -rf build build-asan rotaplan bench/mss-import bench/mss-gen

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
