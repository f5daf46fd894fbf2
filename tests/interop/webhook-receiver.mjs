// A webhook receiver for mmsgate's integration tests (tests/integration/webhooks_test.cpp): every
// delivery is verified with the npm `standardwebhooks` library, the specification's reference
// implementation, and logged for the test to read. Listens on 127.0.0.1 only.
//   POST /_control {"secrets":[…], "failing":bool}  which secrets to verify with; answer 503 while failing
//   GET  /_log                                      every request received, in arrival order
import http from 'node:http';
import standardwebhooks from 'standardwebhooks';

const { Webhook } = standardwebhooks;
let secrets = [];
let failing = false;
const log = [];

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const server = http.createServer(async (request, response) => {
  const body = await readBody(request);
  if (request.method === 'POST' && request.url === '/_control') {
    const control = JSON.parse(body);
    if (Array.isArray(control.secrets)) secrets = control.secrets;
    if (typeof control.failing === 'boolean') failing = control.failing;
    response.writeHead(204).end();
    return;
  }
  if (request.method === 'GET' && request.url === '/_log') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(log));
    return;
  }
  // Each configured secret on its own: the index of every secret the signature header verifies under.
  const verifiedWith = [];
  let payload = null;
  secrets.forEach((secret, index) => {
    try {
      payload = new Webhook(secret).verify(body, request.headers);
      verifiedWith.push(index);
    } catch {
      // not signed with this secret
    }
  });
  const entry = {
    path: request.url,
    id: request.headers['webhook-id'] ?? null,
    timestamp: request.headers['webhook-timestamp'] ?? null,
    signature: request.headers['webhook-signature'] ?? null,
    verifiedWith,
    payload,
    answered: failing ? 503 : verifiedWith.length > 0 ? 204 : 401,
    receivedAt: Date.now(),
  };
  log.push(entry);
  response.writeHead(entry.answered, { 'content-type': 'text/plain' }).end(failing ? 'receiver down (test)' : '');
});

server.listen(0, '127.0.0.1', () => {
  console.log(`webhook receiver listening on http://127.0.0.1:${server.address().port}`);
});
