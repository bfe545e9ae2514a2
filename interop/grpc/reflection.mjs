// Lists the services and methods of a running bulkreg through gRPC server reflection, as generic tools
// (grpcurl, Postman, Evans) do, with no proto file at hand.
// Usage: node reflection.mjs [host:port]  (default 127.0.0.1:9090). Exits non-zero unless all are there.
import grpc from '@grpc/grpc-js';
import { GrpcReflection } from 'grpc-js-reflection-client';
import assert from 'node:assert/strict';

const address = process.argv[2] ?? '127.0.0.1:9090';

async function main() {
  // The server offers reflection v1 (grpc.reflection.v1); this client asks for v1alpha unless told.
  const reflection = new GrpcReflection(address, grpc.credentials.createInsecure(), {}, 'v1');
  const services = await reflection.listServices();
  console.log('services:', services.join(', '));
  for (const wanted of ['bulkreg.v1.BulkRegistrationService', 'grpc.health.v1.Health']) {
    assert.ok(services.includes(wanted), `${wanted} is listed`);
  }
  const methods = (await reflection.listMethods('bulkreg.v1.BulkRegistrationService')).map((m) => m.name);
  console.log('methods:', methods.join(', '));
  for (const wanted of ['CreateBulkRegistration', 'UploadBulkRegistration', 'WatchJobEvents', 'ListResults']) {
    assert.ok(methods.includes(wanted), `${wanted} is listed`);
  }
}

main().then(() => console.log('gRPC reflection client: all checks passed'), (e) => {
  console.error('gRPC reflection client failed:', e);
  process.exit(1);
});
