// OneBot v11 has no official SDK in npm: what we did not write is the spec itself
// (github.com/botuniverse/onebot-11). Its API examples and parameter tables are copied into
// tests/data/platforms/onebot/api_*.json (each names its source); each request paike_probe
// makes (send_group_msg, send_private_msg, get_login_info) is held against them: method, path,
// media type, the Authorization header (communication/authorization.md), the JSON field names
// and their types (ids numbers, `message` a segment array of {type, data} whose data values
// are strings, message/array.md), and paike must read the spec's answer.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRecorder, runProbe, assertSameRequest } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../data/platforms/onebot');
const load = (name) => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));

// The access token of the spec's example (communication/authorization.md).
const token = 'kSLuTF2GC2Q4q4ugm3';
const env = (base) => ({ PAIKE_ONEBOT_SECRET: 'obsecret', PAIKE_ONEBOT_ACCESS_TOKEN: token, PAIKE_ONEBOT_API_BASE: base });

// The spec's request as the recorder would have seen it.
function specRequest(fixture) {
  return { method: fixture.method, path: fixture.path, query: {}, headers: fixture.headers, json: fixture.body };
}

// message/array.md: a segment array; every segment {type: string, data: object of strings}.
function assertSegments(message) {
  assert.ok(Array.isArray(message), 'message is a segment array');
  for (const segment of message) {
    assert.deepEqual(Object.keys(segment).sort(), ['data', 'type']);
    assert.equal(typeof segment.type, 'string');
    for (const [key, value] of Object.entries(segment.data)) assert.equal(typeof value, 'string', `data.${key} is a string`);
  }
}

// Same field names, and each field of the spec's body has the same JSON type in paike's
// (`message` may be a string or an array by api/README.md, so it is checked by assertSegments).
function assertFields(paike, spec) {
  assert.deepEqual(Object.keys(paike).sort(), Object.keys(spec).sort(), 'field names');
  for (const [key, value] of Object.entries(spec)) {
    if (key !== 'message') assert.equal(typeof paike[key], typeof value, `${key} type`);
  }
  assertSegments(paike.message);
}

test('send_group_msg: the quote, the @ and the text as the spec has them', async () => {
  const fixture = load('api_send_group_msg.json');
  const api = await startRecorder(() => ({ body: fixture.response }));
  try {
    const out = await runProbe('onebot', ['send', '--group', '123456', '--text', '@韩德福 纯文本内容', '--mention', 'sim:handefu',
      '--reply-to', '123456'], env(api.base));
    assert.deepEqual(out, { ok: true, message_id: '13' });
    const [req] = api.take();
    // Same shape: {group_id: number, message: [reply, at, text]}; the values are the test roster's.
    assertSameRequest(specRequest(fixture), req, { headers: ['authorization'], compareValues: false });
    assertFields(req.json, fixture.body);
    assert.equal(req.json.group_id, 123456);
    assert.deepEqual(req.json.message.map((s) => s.type), fixture.body.message.map((s) => s.type));
    assert.deepEqual(req.json.message[0].data, { id: '123456' });
    assert.deepEqual(req.json.message[1].data, { qq: '10001' });
    assert.equal(req.json.message[2].data.text.trim(), '纯文本内容');
  } finally {
    await api.close();
  }
});

test('send_group_msg: a long text in several messages, each within QQ\'s 4500 characters', async () => {
  const api = await startRecorder(() => ({ body: load('api_send_group_msg.json').response }));
  try {
    const text = Array.from({ length: 120 }, (_, i) => `第${i + 1}条 待办：南河桥垃圾堆，已超期3天`.padEnd(60, '。')).join('\n');
    const out = await runProbe('onebot', ['send', '--group', '123456', '--text', text], env(api.base));
    assert.equal(out.ok, true);
    const requests = api.take();
    assert.ok(requests.length >= 2, `${requests.length} messages`);
    requests.forEach((req, i) => {
      assert.equal(req.path, '/send_group_msg');
      assertSegments(req.json.message);
      const part = req.json.message.map((s) => s.data.text ?? '').join('');
      assert.ok(part.length <= 4500, `part ${i + 1}: ${part.length} UTF-16 units`);
      assert.ok(part.endsWith(`（${i + 1}/${requests.length}）`));
    });
  } finally {
    await api.close();
  }
});

test('send_private_msg: a "dm:" group goes to the person\'s QQ number', async () => {
  const fixture = load('api_send_private_msg.json');
  const api = await startRecorder(() => ({ body: fixture.response }));
  try {
    const out = await runProbe('onebot', ['send', '--group', 'dm:sim:handefu', '--text', 'hello'], env(api.base));
    assert.deepEqual(out, { ok: true, message_id: '12' });
    const [req] = api.take();
    // The spec's example sends `message` as a string, paike the same message as a segment
    // array (api/README.md allows both): all but the body's shape is compared as is.
    assertSameRequest({ ...specRequest(fixture), json: null }, { ...req, json: null }, { headers: ['authorization'] });
    assertFields(req.json, fixture.body);
    assert.equal(req.json.user_id, 10001);
    assert.deepEqual(req.json.message, [{ type: 'text', data: { text: 'hello' } }]);
  } finally {
    await api.close();
  }
});

test('get_login_info: check-online asks with the token and reads the spec\'s answer', async () => {
  const fixture = load('api_get_login_info.json');
  const api = await startRecorder(() => ({ body: fixture.response }));
  try {
    const out = await runProbe('onebot', ['check-online'], env(api.base));
    assert.deepEqual(out, { problems: [] });
    const [req] = api.take();
    assertSameRequest(specRequest(fixture), req, { headers: ['authorization'] });
  } finally {
    await api.close();
  }
});

test('get_login_info: 403 (communication/http.md: access token wrong) names PAIKE_ONEBOT_ACCESS_TOKEN', async () => {
  const api = await startRecorder(() => ({ status: 403, body: '' }));
  try {
    const out = await runProbe('onebot', ['check-online'], env(api.base));
    assert.equal(out.problems.length, 1);
    assert.match(out.problems[0], /PAIKE_ONEBOT_ACCESS_TOKEN/);
  } finally {
    await api.close();
  }
});
