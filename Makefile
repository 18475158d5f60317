.DEFAULT_GOAL := help
.PHONY: help start test test-postgres lint format bench ci

help: ## List the everyday commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

start: ## Set up and run the portal on SQLite with demo content at http://127.0.0.1:8000
	scripts/start

test: ## Set up and run the whole test suite on SQLite
	scripts/test

test-postgres: ## Run the whole test suite on the local PostgreSQL
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_dev scripts/test --create-db

lint: ## Check code style with ruff
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format: ## Format code with ruff
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

bench: ## Run the benchmarks (not part of the test suite)
	.venv/bin/python bench/serve.py

ci: ## Run what CI runs (both database lanes)
	bash .ci/run
