#!/usr/bin/env bash
# The gRPC part of `make interop`: starts the built service on free ports with a throw-away embedded
# PostgreSQL, waits until it says it listens on both ports, runs the Node client and the reflection client
# against it, and stops it. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA:-java}"
JAR="${JAR:-../../target/bulkreg.jar}"

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
HTTP_PORT=$(free_port)
GRPC_PORT=$(free_port)
DATA=$(mktemp -d)
LOG="$DATA/service.log"

npm ci --no-audit --no-fund --loglevel=error

PORT=$HTTP_PORT GRPC_PORT=$GRPC_PORT DATA_DIR="$DATA/postgres" BIND_ADDRESS=127.0.0.1 \
  "$JAVA" -Xmx256m -jar "$JAR" >"$LOG" 2>&1 &
PID=$!
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap stop EXIT

for _ in $(seq 1 120); do
  if grep -q "bulkreg listening on port" "$LOG"; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then echo "the service did not start:" >&2; cat "$LOG" >&2; exit 1; fi
  sleep 0.5
done
grep -q "bulkreg listening on port" "$LOG" || { echo "the service did not start within a minute:" >&2; cat "$LOG" >&2; exit 1; }

node client.mjs "127.0.0.1:$GRPC_PORT"
node reflection.mjs "127.0.0.1:$GRPC_PORT"
