// A Node client of bulkreg's gRPC API, built at run time from the contract in proto/ with
// @grpc/proto-loader: create, upload, get, list, watch to the end, stream results, and an invalid request.
// Usage: node client.mjs [host:port]  (default 127.0.0.1:9090). Exits non-zero on the first failure.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const address = process.argv[2] ?? '127.0.0.1:9090';
const protoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../proto');
const definition = protoLoader.loadSync('bulkreg/v1/bulk_registration.proto', {
  includeDirs: [protoDir], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const { BulkRegistrationService } = grpc.loadPackageDefinition(definition).bulkreg.v1;
const client = new BulkRegistrationService(address, grpc.credentials.createInsecure());
const deadline = () => new Date(Date.now() + 30_000);

const unary = (method, request) => new Promise((resolve, reject) =>
  client[method](request, { deadline: deadline() }, (error, response) => (error ? reject(error) : resolve(response))));

const collect = (call) => new Promise((resolve, reject) => {
  const messages = [];
  call.on('data', (m) => messages.push(m));
  call.on('error', reject);
  call.on('end', () => resolve(messages));
});

const mentors = (prefix, count) => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
const run = `node-${Date.now()}`;
const header = {
  coordinator_id: 'coord-node', activity_type: 'group_workshop', activity_date: '2026-03-28', duration_minutes: 60,
};

async function main() {
  const created = await unary('CreateBulkRegistration', { ...header, mentor_ids: mentors(run, 3), notes: 'from Node' });
  assert.match(created.id, /^bulk-\d{3,}$/);
  assert.equal(created.mentor_count, 3);
  console.log(`created ${created.id} (${created.status})`);

  const steps = await collect(client.WatchBulkRegistration({ id: created.id }, { deadline: deadline() }));
  assert.equal(steps[0].event.kind, 'JOB_EVENT_KIND_SNAPSHOT');
  assert.equal(steps.at(-1).event.status, 'JOB_STATUS_COMPLETED');
  console.log(`watched ${created.id} to ${steps.at(-1).event.status} in ${steps.length} steps`);

  const results = await collect(client.ListResults({ id: created.id }, { deadline: deadline() }));
  assert.deepEqual(results.map((r) => r.mentor_id), mentors(run, 3));
  assert.ok(results.every((r) => r.status === 'ITEM_STATUS_SUCCESS' && r.activity_id.startsWith('pa-')));
  console.log(`listed ${results.length} results`);

  const uploaded = await new Promise((resolve, reject) => {
    const call = client.UploadBulkRegistration({ deadline: deadline() }, (e, job) => (e ? reject(e) : resolve(job)));
    call.write({ header });
    call.write({ mentor_ids: { mentor_ids: mentors(`${run}-up`, 600) } });
    call.write({ mentor_ids: { mentor_ids: mentors(`${run}-up2`, 400) } });
    call.end();
  });
  assert.equal(uploaded.mentor_count, 1000);
  console.log(`uploaded ${uploaded.id} with ${uploaded.mentor_count} mentors`);

  const page = await unary('ListBulkRegistrations', { coordinator_id: 'coord-node', page_size: 1 });
  assert.equal(page.bulk_registrations[0].id, uploaded.id);
  assert.notEqual(page.next_page_token, '');
  const fetched = await unary('GetBulkRegistration', { id: created.id });
  assert.equal(fetched.status, 'JOB_STATUS_COMPLETED');

  await assert.rejects(unary('CreateBulkRegistration', { ...header, mentor_ids: ['ok', 'not ok'] }), (e) => {
    assert.equal(e.code, grpc.status.INVALID_ARGUMENT);
    assert.ok(e.metadata.get('grpc-status-details-bin').length === 1, 'google.rpc.Status details are sent');
    return true;
  });
  await assert.rejects(unary('GetBulkRegistration', { id: 'bulk-999999' }), { code: grpc.status.NOT_FOUND });
  console.log('errors: INVALID_ARGUMENT with details, NOT_FOUND');
}

main().then(() => {
  console.log('gRPC Node client: all checks passed');
  client.close();
}, (e) => {
  console.error('gRPC Node client failed:', e);
  process.exit(1);
});
