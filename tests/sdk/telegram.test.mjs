// Telegram has no official SDK in npm; the official API's typings, @telegraf/types (the Bot API
// as TypeScript, generated from core.telegram.org/bots/api), are what we did not write. Each
// request paike_probe makes (sendMessage, sendPhoto, getFile, getMe, getWebhookInfo) is recorded,
// its path must name a method of ApiMethods, and its parameters must type-check as that
// method's Opts with tsc (object literals: excess-property checks catch a misspelt field).
// The fixture Updates of tests/data/platforms/telegram/ must type-check as Update.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRecorder, runProbe } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../data/platforms/telegram');
const token = '123:ABC';

// The Bot API's answers (core.telegram.org/bots/api: {"ok":true,"result":…}).
function botApi(req) {
  const method = req.path.split('/').pop();
  if (req.path.startsWith('/file/')) return { body: Buffer.from('OggS-bytes') };
  if (method === 'getFile') return { body: { ok: true, result: { file_id: req.query.file_id, file_unique_id: 'u', file_path: 'voice/file_1.oga' } } };
  if (method === 'getMe') return { body: { ok: true, result: { id: 123, is_bot: true, first_name: '拍客', username: 'paike_bot', can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false } } };
  if (method === 'getWebhookInfo') return { body: { ok: true, result: { url: 'https://paike.example.cn/webhook/telegram', has_custom_certificate: false, pending_update_count: 0 } } };
  return { body: { ok: true, result: { message_id: 77, date: 1763800000, chat: { id: -1001, type: 'supergroup' } } } };
}

const env = (base) => ({ PAIKE_TELEGRAM_TOKEN: token, PAIKE_TELEGRAM_SECRET: 'tgsecret', PAIKE_TELEGRAM_API_BASE: base });

// A recorded Bot API call → {method, params}: JSON body, multipart form (an uploaded file
// becomes the typings' InputFile) or query string.
async function call(req) {
  const prefix = `/bot${token}/`;
  assert.ok(req.path.startsWith(prefix), `path ${req.path} is /bot<token>/<method>`);
  const method = req.path.slice(prefix.length);
  let params = { ...req.query };
  if (req.json) params = req.json;
  else if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const form = await new Response(req.body, { headers: { 'content-type': req.headers['content-type'] } }).formData();
    params = {};
    for (const [name, value] of form) {
      if (typeof value !== 'string') params[name] = { $file: true };
      else if (name === 'reply_parameters') params[name] = JSON.parse(value);  // JSON-serialized object
      else params[name] = value;
    }
  }
  return { method, params };
}

// TypeScript source for a value: JSON, with {$file:true} as the InputFile placeholder.
const literal = (value) => JSON.stringify(value).replaceAll('{"$file":true}', 'uploaded');

// Runs tsc --noEmit --strict on `source` (next to node_modules, so '@telegraf/types' resolves).
function typecheck(source) {
  const dir = fs.mkdtempSync(path.join(here, '.tsc-telegram-'));
  const file = path.join(dir, 'check.ts');
  fs.writeFileSync(file, source);
  const tsc = path.join(here, 'node_modules/typescript/bin/tsc');
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--skipLibCheck', file], { timeout: 120000 }, (error, stdout, stderr) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ ok: !error, output: stdout + stderr, source });
    });
  });
}

const header = `import type { ApiMethods, Opts, Update } from '@telegraf/types';
type F = { readonly upload: true };
declare const uploaded: F;
export {};
`;

test('telegram: every request paike makes is a Bot API method with parameters its typings accept', async () => {
  const api = await startRecorder(botApi);
  try {
    const image = path.join(here, '.telegram-photo.jpg');
    fs.writeFileSync(image, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    try {
      const long = Array.from({ length: 500 }, (_, i) => `#${i} 村口垃圾 请整改`).join('\n');
      const runs = [
        ['send', '--group', '-1001', '--text', '@韩德福 #12 已整改', '--mention', 'sim:handefu', '--reply-to', '9'],
        ['send', '--group', 'dm:sim:handefu', '--text', '登录链接'],
        ['send', '--group', '-1001', '--text', long],
        ['send', '--group', '-1001', '--text', '@韩德福 照片', '--mention', 'sim:handefu', '--reply-to', '9', '--image', image],
        ['send', '--group', '-1001', '--text', 'x'.repeat(1100), '--image', image],
        ['fetch-voice', '--ref', 'AwACAgUAAxkBAAIBvoice'],
        ['fetch-media', '--ref', 'AgACAgUAAxkBAAIBbig'],
        ['check-online'],
      ];
      for (const args of runs) {
        const out = await runProbe('telegram', args, env(api.base));
        assert.ok(out.ok !== false && !(out.problems ?? []).length && !out.error, `${args[0]}: ${JSON.stringify(out)}`);
      }
    } finally {
      fs.rmSync(image, { force: true });
    }
    const calls = [];
    for (const req of api.take()) if (!req.path.startsWith('/file/')) calls.push(await call(req));
    const methods = new Set(calls.map((c) => c.method));
    for (const m of ['sendMessage', 'sendPhoto', 'getFile', 'getMe', 'getWebhookInfo']) assert.ok(methods.has(m), `${m} was called`);
    // The long text went in several parts, each within sendMessage's 1-4096 characters.
    const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => c.params.text);
    for (const text of texts) assert.ok(text.length >= 1 && text.length <= 4096 + 64, `text of ${text.length} UTF-16 units`);
    assert.ok(texts.filter((t) => t.includes('村口垃圾 请整改')).length >= 2, 'the long text went in parts');
    const source = header + calls.map((c, i) =>
      `const m${i}: keyof ApiMethods<F> = ${JSON.stringify(c.method)};\n` +
      `const p${i}: Opts<F>[typeof m${i}] = ${literal(c.params)};\n`).join('');
    const checked = await typecheck(source);
    assert.ok(checked.ok, `tsc rejected paike's requests:\n${checked.output}\n${checked.source}`);
  } finally {
    await api.close();
  }
});

test('telegram: a misspelt parameter is caught (the check can fail)', async () => {
  const checked = await typecheck(header + `const p: Opts<F>['sendMessage'] = {"chat_id":"-1001","txt":"x"};\n`);
  assert.ok(!checked.ok, 'tsc accepted a sendMessage without text');
});

test('telegram: the fixture updates type-check as Update and go through paike\'s webhook', async () => {
  const names = fs.readdirSync(fixtures).filter((n) => n.endsWith('.json')).sort();
  assert.ok(names.length >= 9);
  const updates = names.map((n) => JSON.parse(fs.readFileSync(path.join(fixtures, n), 'utf8')));
  for (const [i, fixture] of updates.entries()) assert.ok(fixture._source, `${names[i]} names its source`);
  // The typings spell "a quoted message holds no further reply_to_message" as a required
  // `reply_to_message: undefined`, which JSON cannot carry: add it to the quoted message.
  const ts = (payload) => {
    const copy = structuredClone(payload);
    if (copy.message?.reply_to_message) copy.message.reply_to_message.reply_to_message = '$undefined';
    return JSON.stringify(copy).replaceAll('"$undefined"', 'undefined');
  };
  const source = header + updates.map((u, i) => `const u${i}: Update = ${ts(u.payload)};\n`).join('');
  const checked = await typecheck(source);
  assert.ok(checked.ok, `tsc rejected a fixture:\n${checked.output}`);
  for (const [i, fixture] of updates.entries()) {
    const out = await runProbe('telegram', ['webhook'], { ...env('http://127.0.0.1:1'), PAIKE_TELEGRAM_BOT_USERNAME: 'paike_bot' },
      JSON.stringify({ headers: { 'x-telegram-bot-api-secret-token': 'tgsecret' }, body: JSON.stringify(fixture.payload), now: fixture.payload.message.date }));
    assert.equal(out.status, 200, names[i]);
    assert.equal(out.events.length, 1, names[i]);
    assert.ok(!out.events[0].error, `${names[i]}: ${JSON.stringify(out.events[0])}`);
  }
});
