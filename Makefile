# bulkreg: `make run` starts the service (embedded PostgreSQL, data in ./data), `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Helidon 4 needs Java 21 or newer: use JAVA_HOME when it is one, else the newest JDK under /usr/lib/jvm.
JDK := $(shell for j in "$$JAVA_HOME" $$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do \
	  v=$$("$${j%/}/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	  if [ -n "$$v" ] && [ "$${v%%.*}" -ge 21 ] 2>/dev/null && [ -x "$${j%/}/bin/javac" ]; then echo "$${j%/}"; break; fi; \
	done)
MVN := JAVA_HOME="$(JDK)" MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow $(MAVEN_OPTS)" ./mvnw -B -ntp -Dstyle.color=never
# The service's heap is sized on purpose: jobs stream through the database, so 256 MiB is plenty. The
# parallel collector gave the shortest fan-out lags of the collectors measured, for the same memory (BENCHMARKS.md).
JAVA_OPTS ?= --enable-native-access=ALL-UNNAMED -Xms64m -Xmx256m -XX:+UseParallelGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m
JAR := target/bulkreg.jar

.PHONY: help run test bench build clean check-jdk interop interop-graphql interop-grpc

help:
	@echo "make run    build if needed and start the service on port 8080 (PORT=...) with an embedded PostgreSQL"
	@echo "make test   run every test (unit and integration, real PostgreSQL)"
	@echo "make bench  measure throughput, latency and memory against the machine's own limits (BENCH_QUICK=1: ~3 min)"
	@echo "make build  build target/bulkreg.jar"
	@echo "make interop  run the reference clients (graphql-ws, @grpc/grpc-js, a reflection client) against a started service"
	@echo "make clean  remove build output (./data, the embedded database, is kept)"

check-jdk:
	@if [ -z "$(JDK)" ]; then \
	  echo "No JDK 21 or newer found: set JAVA_HOME to one (Helidon 4 needs Java 21+); looked in \$$JAVA_HOME and /usr/lib/jvm." >&2; \
	  exit 1; fi

$(JAR): pom.xml $(shell find src/main proto schema -type f 2>/dev/null) | check-jdk
	$(MVN) -q package -DskipTests

build: $(JAR)

# Ctrl-C (130) and SIGTERM (143) are the normal ways to stop the service, not failures.
run: $(JAR)
	@"$(JDK)/bin/java" $(JAVA_OPTS) -jar $(JAR); rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 130 ] || [ $$rc -eq 143 ] || exit $$rc

test: check-jdk
	$(MVN) verify

# The service runs in its own process with the same JVM options as `make run`; see BENCHMARKS.md.
# The load runs in this JVM; its heap is capped so that 2,000 fan-out subscribers cannot crowd the machine.
BENCH_CLIENT_OPTS ?= -Xmx1g
bench: $(JAR) | check-jdk
	$(MVN) -q test-compile
	BENCH_JAVA_OPTS="$(JAVA_OPTS)" "$(JDK)/bin/java" $(BENCH_CLIENT_OPTS) -cp "target/test-classes:$(JAR):target/libs/*" \
	  bulkreg.bench.BenchMain


clean: check-jdk
	$(MVN) -q clean

# Each interop part starts its own service and runs one reference client against it.
interop: interop-graphql interop-grpc

interop-graphql: $(JAR)
	JAVA="$(JDK)/bin/java" JAR="$(CURDIR)/$(JAR)" interop/graphql/run.sh

interop-grpc: $(JAR)
	JAVA="$(JDK)/bin/java" JAR="$(CURDIR)/$(JAR)" interop/grpc/run.sh
