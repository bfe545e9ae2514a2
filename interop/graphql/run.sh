#!/usr/bin/env bash
# Starts the built service on a free port (embedded PostgreSQL in a temporary directory), runs the reference
# graphql-ws client against it (interop/graphql/subscribe.mjs), and stops the service. Exit code: the client's.
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA:-java}"
JAR="${JAR:-../../target/bulkreg.jar}"

npm ci --no-audit --no-fund --silent

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PORT="$port" DATA_DIR="$work/postgres" CHUNK_SIZE=100 "$JAVA" -Xmx256m -jar "$JAR" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/observe/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; echo "the service did not start" >&2; exit 1; fi
  sleep 0.5
done

node subscribe.mjs "http://127.0.0.1:$port" 10000 || { tail -50 "$work/server.log" >&2; exit 1; }
