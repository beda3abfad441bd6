# rotaplan - build, test, sanitizer and demo targets.
#
#   make              build ./rotaplan and bench/mss-import
#   make test         install missing Debian packages, build, run every test
#   make asan-test    the same tests under AddressSanitizer + UBSan
#   make demo         install, build and solve the Quang Ninh 2025 config
#   make deps         only install the Debian packages the build needs

CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -MMD -MP
CPPFLAGS += -Imodel -Isolver -Ibench -Itests/support
LDLIBS  = -lglpk -lyaml -lm
BUILD   ?= build

DEB_PACKAGES = build-essential libglpk-dev libyaml-dev libcmocka-dev

LIB_SRC  = $(wildcard model/*.c) $(filter-out solver/main.c,$(wildcard solver/*.c)) \
           $(wildcard bench/gen_*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC = $(wildcard tests/test_*.c)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT = $(wildcard tests/support/*.c)
TEST_SUPPORT_OBJ = $(TEST_SUPPORT:%.c=$(BUILD)/%.o)
IMPORT_SRC = $(wildcard bench/mss_*.c) $(wildcard bench/dzn*.c)
IMPORT_OBJ = $(IMPORT_SRC:%.c=$(BUILD)/%.o)

ROTAPLAN = $(if $(filter build,$(BUILD)),rotaplan,$(BUILD)/rotaplan)
MSS_IMPORT = $(if $(filter build,$(BUILD)),bench/mss-import,$(BUILD)/mss-import)

.PHONY: all test asan asan-test demo deps clean check-deps
all: $(ROTAPLAN) $(MSS_IMPORT)

$(ROTAPLAN): $(BUILD)/solver/main.o $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(MSS_IMPORT): $(IMPORT_OBJ) $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/librotaplan.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_SUPPORT_OBJ) $(BUILD)/librotaplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# Tests run from the top directory; end-to-end tests find the binaries here.
test: deps all $(TEST_BIN)
	@ROTAPLAN=./$(ROTAPLAN) MSS_IMPORT=./$(MSS_IMPORT) tests/run-all $(TEST_BIN)

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan:
	$(MAKE) BUILD=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" all

asan-test: deps
	$(MAKE) BUILD=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" test

demo: deps all
	./rotaplan solve configs/quang_ninh.yaml -o quang_ninh-plan.csv

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y $$missing; \
	fi

clean:
	rm -rf build build-asan rotaplan bench/mss-import

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
