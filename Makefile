# storydiff: `make run` opens the app on the built-in sample; `make test` runs every test.
# Both install what is missing first (scripts/install-deps.sh).

CARGO ?= cargo
APP := target/debug/storydiff-app
CLI := target/debug/storydiff

.PHONY: run test lint build ui deps test-deps clean test-spark package package-deps licenses test-package

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

# The UI is bundled into the app binary at compile time: build it first.
ui:
	npm --prefix ui run build

build: deps ui
	$(CARGO) build -p storydiff-app -p storydiff-cli

run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		exec ./$(APP); \
	else \
		echo "storydiff: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open."; \
		echo "Here is the command line's report of the same sample comparison instead:"; \
		echo; \
		./$(CLI) sample || [ $$? -eq 1 ]; \
	fi

# The habits every change keeps: formatted code, no clippy warnings, and no
# file naming the project's own development steps or issue numbers.
lint: deps ui
	$(CARGO) fmt --all -- --check
	scripts/check-words.sh
	scripts/check-cycles.py
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# One build of the app serves all end-to-end tests; unit and integration
# tests run first, without a display.
JUDGE_PYTHON ?= $(or $(STORYDIFF_JUDGE_VENV),$(HOME)/.cache/storydiff/judge-venv)/bin/python

test: test-deps ui lint
	$(JUDGE_PYTHON) scripts/train-line-judge.py --check
	npm --prefix ui run check
	npm --prefix ui test
	$(CARGO) test --workspace --exclude storydiff-e2e
	$(CARGO) build -p storydiff-app -p storydiff-cli
	$(MAKE) --no-print-directory test-spark
	rm -f target/e2e-figures.txt
	xvfb-run -a -s "-screen 0 1400x900x24" $(CARGO) test -p storydiff-e2e -- --test-threads=1
	@echo "Figures measured by the E2E tests:"; cat target/e2e-figures.txt

# The Spark example for real, in local mode, on a generated corpus (about a minute).
# Built with the app, as `make test` builds them: `-p storydiff-cli` alone
# unifies the dependencies' features differently and compiled much of the
# graph a second time (minutes of a fresh CI run).
test-spark: test-deps
	$(CARGO) build -p storydiff-app -p storydiff-cli
	examples/spark/run-test.sh $(CLI)

package-deps:
	@scripts/install-deps.sh package

# The licences of every crate and npm package the packages ship, in one file
# that the packages install and the About panel shows: cargo-about for the
# crates of the app and the command line (build and dev dependencies are not
# shipped), Vite's build.license for what the UI bundles (ui/dist/.vite/).
LICENSES := target/licenses/THIRD-PARTY-LICENSES.md
licenses: package-deps ui
	scripts/licenses.sh $(LICENSES)

# Release .deb and .rpm with Tauri's bundler (target/release/bundle/{deb,rpm}/):
# the app, the command line as /usr/bin/storydiff, the desktop entry, icons
# and the licences. One cargo build makes both binaries (shared crates are
# compiled once); REMOVE_UNUSED_COMMANDS is what `tauri build` sets for
# build.removeUnusedCommands (the commands no capability grants are left
# out of the binary). Slow: whole-program LTO (see docs/performance.md).
TAURI := ui/node_modules/.bin/tauri
package: licenses
	REMOVE_UNUSED_COMMANDS=$(CURDIR)/src-tauri $(CARGO) build --release -p storydiff-app -p storydiff-cli
	# Man pages and shell completions, from the command line's own arguments.
	target/release/storydiff manpages target/release/man
	mkdir -p target/release/completions
	target/release/storydiff completions bash > target/release/completions/storydiff.bash
	target/release/storydiff completions zsh > target/release/completions/_storydiff
	target/release/storydiff completions fish > target/release/completions/storydiff.fish
	TAURI_APP_PATH=src-tauri $(TAURI) bundle --bundles deb,rpm
	@ls -l target/release/storydiff-app target/release/storydiff target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

# Installs the .deb, runs what it installed, removes it (needs root).
test-package: package
	rm -f target/e2e-figures.txt
	xvfb-run -a -s "-screen 0 1400x900x24" $(CARGO) test -p storydiff-e2e --test package -- --ignored --test-threads=1
	@echo "Figures measured by the package test:"; cat target/e2e-figures.txt

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
