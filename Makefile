# versus — build, test, install.
# `make` builds ./versus; `make check` runs the whole suite, normally and
# under AddressSanitizer + UndefinedBehaviorSanitizer (in build/asan).

VERSION    := 1.0.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATAROOT   ?= $(PREFIX)/share
DATADIR    ?= $(DATAROOT)/versus
MANDIR     ?= $(DATAROOT)/man/man1
DESTDIR    ?=

CC         ?= cc
PKG_CONFIG ?= pkg-config
BUILD      ?= build
CFLAGS     ?= -O2 -g
SANITIZE   ?=
# `make V=1` shows full compiler command lines.
V          ?= 0
ifeq ($(V),0)
Q := @
quiet = @printf '  %-6s %s\n' $(1) $(2);
else
Q :=
quiet =
endif

WARNINGS := -Wall -Wextra -Wpedantic -Wformat=2 -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter -Werror
# The same feature macros ncursesw's pkg-config file sets, everywhere, so
# every file sees one consistent libc.
FEATURES := -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600

CORE_PKGS  := yaml-0.1 jansson
# libcurl is compiled against but not linked: src/fetch/curl_lib.c loads it
# when the first fetch starts, so starts that fetch nothing skip its ~30
# libraries.
CURL_PKGS  := libcurl
UI_PKGS    := ncursesw
TEST_PKGS  := cmocka

ALL_CFLAGS  = -std=c11 $(FEATURES) $(WARNINGS) -Isrc -Itests \
              -DVERSUS_VERSION='"$(VERSION)"' -DVERSUS_DATADIR='"$(DATADIR)"' \
              $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) $(CURL_PKGS) $(UI_PKGS)) $(SANITIZE) $(CFLAGS)
LDFLAGS    ?=
ALL_LDFLAGS = -Wl,--as-needed $(SANITIZE) $(LDFLAGS)
CORE_LIBS   = $(shell $(PKG_CONFIG) --libs $(CORE_PKGS)) -ldl -lm
UI_LIBS     = $(shell $(PKG_CONFIG) --libs $(UI_PKGS))
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

# Everything but main.c and the screen goes into a library the unit tests link.
CORE_SRC := $(sort $(wildcard src/core/*.c src/load/*.c src/fetch/*.c src/cache/*.c \
                              src/export/*.c src/util/*.c src/app/*.c))
UI_SRC   := $(sort $(wildcard src/ui/*.c))
MAIN_SRC := src/main.c
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/obj/%.o)
CORE_LIB := $(BUILD)/libversus.a
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
TEST_HELPER_SRC := $(wildcard tests/unit/helpers.c)
TEST_HELPER_OBJ := $(TEST_HELPER_SRC:%.c=$(BUILD)/obj/%.o)

.PHONY: all check check-fast tests clean install uninstall lint bench fuzz check-valgrind
.DELETE_ON_ERROR:

all: versus

ifeq ($(BUILD),build)
versus: $(BUILD)/versus
	cp $< $@
endif

$(BUILD)/versus: $(MAIN_OBJ) $(UI_OBJ) $(CORE_LIB)
	$(call quiet,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(UI_OBJ) $(CORE_LIB) $(UI_LIBS) $(CORE_LIBS)

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(TEST_HELPER_OBJ) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,LINK,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(TEST_HELPER_OBJ) $(CORE_LIB) $(TEST_LIBS) $(CORE_LIBS)

$(BUILD)/tools/%: tests/tools/%.c $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,LINK,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(UI_LIBS) $(CORE_LIBS)

# Each fuzz harness in tests/fuzz/ also builds, with the normal compiler, as
# a plain program that replays its corpus and regression inputs (no libFuzzer
# needed), so the suite catches any input that ever crashed.
FUZZ_SRC     := $(filter-out tests/fuzz/fuzz_common.c,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_REPLAY  := $(FUZZ_NAMES:%=$(BUILD)/tests/test_fuzz_%)
FUZZ_DEFS     = -DFUZZ_ROOT='"$(CURDIR)"' -DFUZZ_NAME='"$*"'

$(BUILD)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz_common.h $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,LINK,$@)$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c tests/fuzz/fuzz_common.c $(CORE_LIB) $(CORE_LIBS)

# The libFuzzer build of each harness (clang; only `make fuzz` uses it).
$(BUILD)/fuzzers/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz_common.h $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,LINK,$@)$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -fsanitize=fuzzer $(ALL_LDFLAGS) -o $@ $< tests/fuzz/fuzz_common.c $(CORE_LIB) $(CORE_LIBS)

tests: $(BUILD)/versus $(UNIT_BIN) $(TOOL_BIN) $(FUZZ_REPLAY)

ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The sanitizers' runtimes linked in: a start then skips resolving each of
# their hundreds of interceptors through the dynamic linker, which made a
# sanitized run of versus cost 60 ms where it now costs 20.
ASAN_LDFLAGS := -static-libasan -static-libubsan

# The whole suite: lint, the plain build, then the sanitized build in its own
# directory; tests/run.sh runs the tests of both, several at a time.
check: lint
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(if $(filter build,$(BUILD)),all) tests
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan SANITIZE="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" CFLAGS="-O1 -g" tests
	@tests/run.sh $(BUILD) $(BUILD)/asan

# The suite on the plain build only: quicker while developing.
check-fast:
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(if $(filter build,$(BUILD)),all) tests
	@tests/run.sh $(BUILD)

# The architecture's rules: curses only in src/ui/, curl only in src/fetch/,
# includes pointing one way down the layers (see tests/lint.sh).
lint:
	@tests/lint.sh src

# Speed, memory and scale against their floors: prints one table and writes
# bench/results.md. Always builds in build/bench; never part of check.
bench:
	@$(MAKE) --no-print-directory BUILD=build/bench build/bench/versus build/bench/tools/gen_data \
	    build/bench/tools/robust_time
	@bench/run.sh build/bench

# Runs every fuzz harness for FUZZ_SECONDS (default 60) each, FUZZ_JOBS
# (default 1) at a time, with clang's libFuzzer + ASan + UBSan, in
# build/fuzz. New coverage goes to build/fuzz/corpus/NAME; a crash input
# lands in tests/fuzz/regressions/NAME/ (keep it: `make check` replays it).
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_SANITIZE := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang SANITIZE="$(FUZZ_SANITIZE)" \
	    CFLAGS="-O1 -g" $(FUZZ_NAMES:%=build/fuzz/fuzzers/fuzz_%)
	@printf '%s\n' $(FUZZ_NAMES) | xargs -n 1 -P $(FUZZ_JOBS) tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

# The end-to-end tests with every run of the binary under valgrind
# (needs valgrind installed; not part of check, which runs ASan instead).
check-valgrind:
	@$(MAKE) --no-print-directory BUILD=build/valgrind CFLAGS="-O0 -g" tests
	@tests/valgrind.sh build/valgrind

install: versus
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/data $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(MANDIR)
	install -m 0755 versus $(DESTDIR)$(BINDIR)/versus
	install -m 0644 data/*.yaml $(DESTDIR)$(DATADIR)/data/
	install -m 0644 themes/*.yaml $(DESTDIR)$(DATADIR)/themes/
	install -m 0644 versus.1 $(DESTDIR)$(MANDIR)/versus.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/versus $(DESTDIR)$(MANDIR)/versus.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build versus

-include $(wildcard $(BUILD)/obj/src/*.d $(BUILD)/obj/src/*/*.d $(BUILD)/obj/tests/*/*.d)
