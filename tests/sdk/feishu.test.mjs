// Feishu: the official Node SDK (@larksuiteoapi/node-sdk) makes each call paike makes, against
// one recording server; paike_probe makes it against another; the two requests must match
// (method, path, query, Authorization, content type, JSON body). Calls: tenant_access_token,
// im.message.create (text to a chat, text to a user, post with @ and image), im.message.reply,
// im.image.create (upload), im.messageResource.get (image, and audio as type=file) and the bot
// info (the SDK has no typed method for bot/v3/info: its generic client.request is used).
// Inbound: an event encrypted as the docs describe, which the SDK's own AESCipher decrypts and
// whose X-Lark-Signature the SDK's EventDispatcher accepts, goes through paike_probe webhook.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lark from '@larksuiteoapi/node-sdk';
import { startRecorder, runProbe, assertSameRequest } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../data/platforms/feishu');

// The API's answers as the docs show them: {"code":0,"msg":"ok",…}.
function feishuApi(req) {
  if (req.path === '/open-apis/auth/v3/tenant_access_token/internal') {
    return { body: { code: 0, msg: 'ok', tenant_access_token: 't-recorded', expire: 7200 } };
  }
  if (req.path.includes('/resources/')) return { body: Buffer.from('resource-bytes'), headers: { 'content-type': 'application/octet-stream' } };
  if (req.path === '/open-apis/im/v1/images') return { body: { code: 0, msg: 'success', data: { image_key: 'img_uploaded' } } };
  if (req.path === '/open-apis/bot/v3/info') {
    return { body: { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: '拍客', avatar_url: '', ip_white_list: [], open_id: 'ou_bot' } } };
  }
  return { body: { code: 0, msg: 'success', data: { message_id: 'om_sent' } } };
}

const env = (base) => ({
  PAIKE_FEISHU_APP_ID: 'cli_app', PAIKE_FEISHU_APP_SECRET: 'app-secret', PAIKE_FEISHU_VERIFICATION_TOKEN: 'vtoken',
  PAIKE_FEISHU_ENCRYPT_KEY: 'encrypt-key', PAIKE_FEISHU_API_BASE: base, PAIKE_FEISHU_BOT_OPEN_ID: 'ou_bot',
});

const sdkClient = (base) => new lark.Client({ appId: 'cli_app', appSecret: 'app-secret', domain: base, loggerLevel: lark.LoggerLevel.error });

// The requests recorded; the SDK keeps its token in a cache shared by its clients, so only
// its first call shows the token request (paike_probe is a new process each time).
function recorded(requests, label) {
  assert.ok(requests.length >= 1, `${label}: a call recorded`);
  return requests;
}

// multipart/form-data → {name: bytes as hex}. The SDK, given a Buffer, names no file; paike
// names one ("image.jpg", as the docs' curl example does): only names and bytes are compared.
function formFields(r) {
  const boundary = /boundary=(.+)$/.exec(r.headers['content-type'])[1];
  const fields = {};
  for (const part of r.body.toString('latin1').split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part);
    if (!name) continue;
    const value = part.slice(part.indexOf('\r\n\r\n') + 4, part.lastIndexOf('\r\n'));
    fields[name[1]] = Buffer.from(value, 'latin1').toString('hex');
  }
  return fields;
}

async function both(label, sdkCall, probeArgs) {
  const sdkApi = await startRecorder(feishuApi);
  const paikeApi = await startRecorder(feishuApi);
  try {
    await sdkCall(sdkClient(sdkApi.base));
    const out = await runProbe('feishu', probeArgs, env(paikeApi.base));
    const sdk = recorded(sdkApi.take(), label);
    const paike = recorded(paikeApi.take(), label);
    return { sdk, paike, out };
  } finally {
    await sdkApi.close();
    await paikeApi.close();
  }
}

// `content` is JSON in a string: compared as JSON (key order is free).
const withContentParsed = (r) => (r.json?.content ? { ...r, json: { ...r.json, content: JSON.parse(r.json.content) } } : r);
const sameJson = (sdk, paike, label) =>
  assertSameRequest(withContentParsed(sdk), withContentParsed(paike), { headers: ['authorization'], label });
// The SDK sends its GETs with an empty JSON object as the body ("{}", application/json); a GET's
// body means nothing to the API, so GETs are compared without body and content type.
const bodyless = (r) => {
  assert.equal(r.method, 'GET');
  assert.ok(r.body.length === 0 || r.body.toString() === '{}', `GET ${r.path} carries no data`);
  return { ...r, json: null, headers: { ...r.headers, 'content-type': undefined } };
};

test('feishu: tenant_access_token and a text to a chat are the SDK\'s', async () => {
  const { sdk, paike, out } = await both('text', (c) => c.im.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id: 'oc_hanjia', msg_type: 'text', content: JSON.stringify({ text: '南河桥 #12 已整改' }) },
  }), ['send', '--group', 'oc_hanjia', '--text', '南河桥 #12 已整改']);
  assert.equal(out.ok, true, JSON.stringify(out));
  assert.equal(sdk.length, 2);
  assert.equal(paike.length, 2);
  assertSameRequest(sdk[0], paike[0], { label: 'tenant_access_token' });
  sameJson(sdk[1], paike[1], 'im.message.create text');
});

test('feishu: a text with an @-mention to a user (dm:) is the SDK\'s', async () => {
  const text = '<at user_id="ou_handefu">韩德福</at> 请查看 #12';
  const { sdk, paike } = await both('dm', (c) => c.im.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: 'ou_villager', msg_type: 'text', content: JSON.stringify({ text }) },
  }), ['send', '--group', 'dm:ou_villager', '--text', '@韩德福 请查看 #12', '--mention', 'sim:handefu']);
  sameJson(sdk.at(-1), paike.at(-1), 'im.message.create to open_id');
});

test('feishu: a reply quoting a message is the SDK\'s im.message.reply', async () => {
  const { sdk, paike } = await both('reply', (c) => c.im.message.reply({
    path: { message_id: 'om_0' },
    data: { msg_type: 'text', content: JSON.stringify({ text: '收到，已登记 #12' }) },
  }), ['send', '--group', 'oc_hanjia', '--text', '收到，已登记 #12', '--reply-to', 'om_0']);
  sameJson(sdk.at(-1), paike.at(-1), 'im.message.reply');
});

test('feishu: a photo: the upload is the SDK\'s im.image.create, the post with @ and image its im.message.create', async () => {
  const image = path.join(here, '.feishu-photo.jpg');
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
  fs.writeFileSync(image, bytes);
  try {
    const post = {
      zh_cn: {
        title: '',
        content: [
          [{ tag: 'at', user_id: 'ou_handefu' }, { tag: 'text', text: ' 请整改' }],
          [{ tag: 'img', image_key: 'img_uploaded' }],
        ],
      },
    };
    const { sdk, paike } = await both('photo', async (c) => {
      await c.im.image.create({ data: { image_type: 'message', image: bytes } });
      await c.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: 'oc_hanjia', msg_type: 'post', content: JSON.stringify(post) },
      });
    }, ['send', '--group', 'oc_hanjia', '--text', '@韩德福 请整改', '--mention', 'sim:handefu', '--image', image]);
    const sdkUpload = sdk.find((r) => r.path === '/open-apis/im/v1/images');
    const paikeUpload = paike.find((r) => r.path === '/open-apis/im/v1/images');
    assert.ok(sdkUpload && paikeUpload, 'both uploaded');
    assertSameRequest(sdkUpload, paikeUpload, { headers: ['authorization'], label: 'im.image.create' });
    assert.deepEqual(formFields(paikeUpload), formFields(sdkUpload), 'upload form fields');
    assert.equal(formFields(paikeUpload).image, bytes.toString('hex'));
    sameJson(sdk.at(-1), paike.at(-1), 'im.message.create post');
  } finally {
    fs.rmSync(image, { force: true });
  }
});

test('feishu: downloading a photo and a voice note is the SDK\'s im.messageResource.get', async () => {
  for (const [type, op] of [['image', 'fetch-media'], ['file', 'fetch-voice']]) {
    const { sdk, paike, out } = await both(type, (c) => c.im.messageResource.get({
      path: { message_id: 'om_1', file_key: 'key_1' }, params: { type },
    }), [op, '--ref', 'om_1/key_1']);
    assert.equal(out.ok, true, JSON.stringify(out));
    assertSameRequest(bodyless(sdk.at(-1)), bodyless(paike.at(-1)), { headers: ['authorization'], label: `messageResource.get ${type}` });
  }
});

test('feishu: check-online asks bot/v3/info as the SDK\'s generic request does', async () => {
  const { sdk, paike, out } = await both('bot info', (c) => c.request({ method: 'GET', url: '/open-apis/bot/v3/info' }),
    ['check-online']);
  assert.deepEqual(out.problems, []);
  const paikeInfo = paike.find((r) => r.path === '/open-apis/bot/v3/info');
  assert.ok(paikeInfo, 'paike asked the bot info');
  assertSameRequest(bodyless(sdk.at(-1)), bodyless(paikeInfo), { headers: ['authorization'], label: 'bot/v3/info' });
});

// The docs' encryption: AES-256-CBC, key SHA-256(encrypt key), a random IV in front, base64.
function encrypt(key, plaintext) {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-256-cbc', crypto.createHash('sha256').update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

test('feishu: an event encrypted and signed as the SDK checks it is accepted and parsed by paike', async () => {
  const event = JSON.parse(fs.readFileSync(path.join(fixtures, 'text_at_bot.json'), 'utf8'));
  event.header.token = 'vtoken';
  const plain = JSON.stringify(event);
  const encrypted = encrypt('encrypt-key', plain);
  assert.equal(new lark.AESCipher('encrypt-key').decrypt(encrypted), plain, 'the SDK decrypts it back');
  const body = JSON.stringify({ encrypt: encrypted });
  const timestamp = String(Number(event.header.create_time) / 1000);
  const nonce = 'nonce-1';
  const signature = crypto.createHash('sha256').update(timestamp + nonce + 'encrypt-key' + body).digest('hex');
  const headers = { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature };

  // The SDK's dispatcher: it verifies the signature and decrypts before it calls the handler.
  let seen = null;
  const dispatcher = new lark.EventDispatcher({ encryptKey: 'encrypt-key', verificationToken: 'vtoken', loggerLevel: lark.LoggerLevel.error })
    .register({ 'im.message.receive_v1': async (data) => { seen = data; } });
  await dispatcher.invoke(Object.assign(Object.create({ headers }), JSON.parse(body)));
  assert.ok(seen, 'the SDK accepted the signed event');
  assert.equal(seen.message.message_id, event.event.message.message_id);

  const out = await runProbe('feishu', ['webhook'], env('http://127.0.0.1:1'),
    JSON.stringify({ method: 'POST', headers, body, now: Number(timestamp) }));
  assert.equal(out.status, 200, JSON.stringify(out));
  assert.equal(out.events.length, 1);
  assert.equal(out.events[0].message_id, event.event.message.message_id);
  assert.equal(out.events[0].text, '#12 已整改');
  assert.deepEqual(out.events[0].mentions, []);

  const forged = { ...headers, 'x-lark-signature': '0'.repeat(64) };
  const refused = await runProbe('feishu', ['webhook'], env('http://127.0.0.1:1'),
    JSON.stringify({ method: 'POST', headers: forged, body, now: Number(timestamp) }));
  assert.equal(refused.status, 401);
});
