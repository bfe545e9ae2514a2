// Interop check with the reference graphql-ws client: submit a job over GraphQL-over-HTTP, subscribe to its
// progress over graphql-transport-ws, and receive every event to completion. Exits non-zero on any failure.
// Usage: node subscribe.mjs http://127.0.0.1:8080 [mentors]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const mentors = Number(process.argv[3] ?? 10000);
const timeout = setTimeout(() => fail(new Error('no completion within 120 s')), 120_000);

function fail(error) {
  console.error('graphql interop FAILED:', error instanceof Error ? error.message : JSON.stringify(error));
  process.exit(1);
}

async function createJob() {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({
      query: `mutation Create($input: CreateBulkRegistrationInput!) {
                createBulkRegistration(input: $input) { bulkRegistration { id } userErrors { field message } } }`,
      variables: {
        input: {
          coordinatorId: 'coord-interop',
          mentorIds: Array.from({ length: mentors }, (_, i) => `interop-${Date.now()}-${i}`),
          activityType: 'group_workshop',
          activityDate: '2026-03-28',
          durationMinutes: 90,
        },
      },
    }),
  });
  const body = await response.json();
  const payload = body.data?.createBulkRegistration;
  if (response.status !== 200 || !payload?.bulkRegistration) {
    throw new Error(`create failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return payload.bulkRegistration.id;
}

// Connected before the job exists (lazy: false), so that the subscription goes out the moment the job is
// created: a job of a few thousand mentors can otherwise finish before a new socket's handshake does.
function connect() {
  return createClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false,
  });
}

function follow(client, id) {
  const events = [];
  return new Promise((resolve, reject) => {
    client.subscribe(
      {
        query: `subscription Progress($id: ID!) { bulkRegistrationProgress(id: $id) {
                  kind status successCount failureCount progress { processed total percent } changedResults { position } } }`,
        variables: { id },
      },
      {
        next: (result) => {
          if (result.errors) {
            reject(result.errors);
            return;
          }
          events.push(result.data.bulkRegistrationProgress);
        },
        error: reject,
        complete: () => {
          client.dispose();
          resolve(events);
        },
      },
    );
  });
}

function check(events) {
  if (events.length < 2 || events[0].kind !== 'SNAPSHOT') {
    throw new Error(`expected a snapshot and then progress, got ${JSON.stringify(events[0])} (${events.length} events)`);
  }
  let processed = -1;
  for (const event of events) {
    if (event.progress.processed < processed) {
      throw new Error(`processed went back from ${processed} to ${event.progress.processed}`);
    }
    processed = event.progress.processed;
  }
  const last = events.at(-1);
  if (last.status !== 'COMPLETED' || last.progress.processed !== mentors || last.progress.total !== mentors) {
    throw new Error(`the last event is not the completed job: ${JSON.stringify(last)}`);
  }
  const changed = events.slice(1).reduce((n, e) => n + e.changedResults.length, 0);
  if (changed !== mentors - events[0].progress.processed) {
    throw new Error(`chunks changed ${changed} results, expected ${mentors - events[0].progress.processed}`);
  }
}

try {
  const client = connect();
  const id = await createJob();
  const events = await follow(client, id);
  check(events);
  clearTimeout(timeout);
  console.log(`graphql interop OK: ${id} followed through ${events.length} events to ${events.at(-1).status}`);
} catch (error) {
  fail(error);
}
