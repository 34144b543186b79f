# The same commands as README and .ci/run; these targets only name them.
.PHONY: setup test demo lint neo4j-start neo4j-stop bench
setup: ; scripts/setup
test: ; scripts/test
demo: ; scripts/demo
lint: ; scripts/lint
neo4j-start: ; scripts/neo4j-local start
neo4j-stop: ; scripts/neo4j-local stop
