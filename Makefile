# bulkreg: `make run` starts the service (embedded PostgreSQL, data in ./data), `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Helidon 4 needs Java 21 or newer: use JAVA_HOME when it is one, else the newest JDK under /usr/lib/jvm.
JDK := $(shell for j in "$$JAVA_HOME" $$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do \
	  v=$$("$${j%/}/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	  if [ -n "$$v" ] && [ "$${v%%.*}" -ge 21 ] 2>/dev/null && [ -x "$${j%/}/bin/javac" ]; then echo "$${j%/}"; break; fi; \
	done)
MVN := JAVA_HOME="$(JDK)" MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow $(MAVEN_OPTS)" ./mvnw -B -ntp
# The service's heap is sized on purpose: jobs stream through the database, so 256 MiB is plenty.
JAVA_OPTS ?= -Xms64m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m
JAR := target/bulkreg.jar

.PHONY: help run test build clean check-jdk interop

help:
	@echo "make run    build if needed and start the service on port 8080 (PORT=...) with an embedded PostgreSQL"
	@echo "make test   run every test (unit and integration, real PostgreSQL)"
	@echo "make build  build target/bulkreg.jar"
	@echo "make interop  run the interop clients (Node gRPC client, reflection client) against a started service"
	@echo "make clean  remove build output (./data, the embedded database, is kept)"

check-jdk:
	@if [ -z "$(JDK)" ]; then \
	  echo "No JDK 21 or newer found: set JAVA_HOME to one (Helidon 4 needs Java 21+); looked in \$$JAVA_HOME and /usr/lib/jvm." >&2; \
	  exit 1; fi

$(JAR): check-jdk pom.xml $(shell find src/main proto schema -type f 2>/dev/null)
	$(MVN) -q package -DskipTests

build: $(JAR)

run: $(JAR)
	"$(JDK)/bin/java" $(JAVA_OPTS) -jar $(JAR)

test: check-jdk
	$(MVN) verify

# Interop: clients in other languages against a real, started service. Each part has its own folder and script.
interop: $(JAR)
	JAVA="$(JDK)/bin/java" JAR="$(CURDIR)/$(JAR)" interop/grpc/run.sh

clean: check-jdk
	$(MVN) -q clean
