// Shared by tests/sdk/*.test.mjs: a recording HTTP server that plays a platform's API, the
// paike_probe runner, and the comparison that holds paike's request against the official
// SDK's request for the same operation. The SDKs are npm packages for tests only.
import http from 'node:http';
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';

// Starts a server on 127.0.0.1 that records every request. `respond(req)` returns
// {status, headers, body} (body: string, Buffer or an object sent as JSON); default 200 {}.
export async function startRecorder(respond = () => ({})) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url, 'http://recorder');
      let json = null;
      try { json = JSON.parse(raw.toString('utf8')); } catch { /* not JSON */ }
      const recorded = {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: raw,
        json,
      };
      requests.push(recorded);
      const answer = respond(recorded) ?? {};
      let body = answer.body ?? {};
      const headers = { ...(answer.headers ?? {}) };
      if (!Buffer.isBuffer(body) && typeof body !== 'string') {
        body = JSON.stringify(body);
        headers['content-type'] ??= 'application/json; charset=utf-8';
      }
      res.writeHead(answer.status ?? 200, headers);
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    requests,
    // The requests recorded since the last take(), and forget them.
    take() { return requests.splice(0, requests.length); },
    close() { return new Promise((resolve) => server.close(resolve)); },
  };
}

// Runs paike_probe (its path in PAIKE_PROBE) with `args` and the extra environment `env`;
// resolves to its JSON answer. `stdin` is written to it when given (the webhook operation).
export function runProbe(platform, args, env = {}, stdin = undefined) {
  const probe = process.env.PAIKE_PROBE;
  assert.ok(probe, 'PAIKE_PROBE must name the paike_probe binary');
  return new Promise((resolve, reject) => {
    const child = execFile(probe, [platform, ...args], { env: { ...process.env, ...env }, timeout: 60000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`paike_probe failed: ${error.message}\n${stderr}`));
        try { resolve(JSON.parse(stdout)); } catch { reject(new Error(`paike_probe printed no JSON: ${stdout}\n${stderr}`)); }
      });
    if (stdin !== undefined) child.stdin.end(stdin);
  });
}

// The media type of a Content-Type header, without parameters ("application/json").
export function mediaType(value) {
  return (value ?? '').split(';')[0].trim().toLowerCase();
}

// The shape of a JSON value: objects keep their keys, arrays their elements' shapes, scalars
// become their type name. Two requests with the same shape send the same fields.
export function shape(value) {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape(value[k])]));
  }
  return value === null ? 'null' : typeof value;
}

// Holds paike's request against the SDK's: method, path, query (names; values too unless
// listed in `varyingQuery`), the media type, the `headers` named (values), and the JSON body:
// the same shape always, the same values unless `compareValues` is false.
export function assertSameRequest(sdk, paike, { headers = [], varyingQuery = [], compareValues = true, label = '' } = {}) {
  const where = label ? ` (${label})` : '';
  assert.equal(paike.method, sdk.method, `method${where}`);
  assert.equal(paike.path, sdk.path, `path${where}`);
  assert.deepEqual(Object.keys(paike.query).sort(), Object.keys(sdk.query).sort(), `query parameters${where}`);
  for (const [name, value] of Object.entries(sdk.query)) {
    if (!varyingQuery.includes(name)) assert.equal(paike.query[name], value, `query ${name}${where}`);
  }
  assert.equal(mediaType(paike.headers['content-type']), mediaType(sdk.headers['content-type']), `content type${where}`);
  for (const name of headers) {
    assert.equal(paike.headers[name], sdk.headers[name], `header ${name}${where}`);
  }
  if (sdk.json !== null || paike.json !== null) {
    assert.deepEqual(shape(paike.json), shape(sdk.json), `JSON shape${where}`);
    if (compareValues) assert.deepEqual(paike.json, sdk.json, `JSON body${where}`);
  }
}
