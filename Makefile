# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench docs clean ocr

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

SAMPLE := samples/acts/001_1984f935e93ec029.txt

# Scans (PDF without text, PNG/JPEG/TIFF) are recognised by Tesseract with its Russian model; pdftoppm
# (poppler-utils) rasterises PDF pages. Installed here when missing and the machine allows (root + apt-get);
# otherwise the hint is printed and everything else works (checking a scan then says how to install them).
ocr:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx rus \
	    && command -v pdftoppm >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    tesseract-ocr tesseract-ocr-rus poppler-utils >/dev/null) \
	    || echo "make: не удалось установить Tesseract; сканы проверяться не будут" >&2; \
	else echo "make: для проверки сканов установите: sudo apt-get install tesseract-ocr tesseract-ocr-rus poppler-utils" >&2; fi

run: $(STAMP) ocr
	@echo "=== Библиотека положений и реестр нормативных актов"
	@$(BIN)/sferum-policy info
	@echo
	@echo "=== Проверка образца $(SAMPLE)"
	@$(BIN)/sferum-policy check $(SAMPLE) ; test $$? -le 1
	@echo
	@echo "=== Исправление образца: правки Word в режиме рецензирования"
	@mkdir -p out
	@$(BIN)/sferum-policy fix $(SAMPLE) -o out/sample-fixed.docx --force
	@echo
	@echo "=== Создание положения по профилю samples/profiles/school.yaml"
	@$(BIN)/sferum-policy generate samples/profiles/school.yaml -o out/act-school.docx --force
	@$(BIN)/sferum-policy generate samples/profiles/school.yaml -o out/act-school.html --force
	@echo
	@echo "Веб-страница для методистов: $(BIN)/sferum-policy serve (http://127.0.0.1:8000)"

test: $(STAMP) ocr
	$(BIN)/ruff check sferum_policy tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check sferum_policy tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks --write

docs: $(STAMP)
	$(BIN)/sferum-policy docs -o docs

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
