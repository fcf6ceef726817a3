// WeCom (企业微信): paike's callback crypto held against the official @wecom/crypto package
// (getSignature / encrypt / decrypt), and the intelligent robot's encrypted images decrypted
// as its docs describe them (document/path/100719, 结构体说明 → 图片: AES-256-CBC, IV = the
// key's first 16 bytes, PKCS#7 to a multiple of 32 bytes), encrypted here with Node's own AES.
//
// WeCom publishes no official npm SDK for its send APIs (gettoken, appchat/send,
// message/send, webhook/send, the robot's response_url): those requests rest on our reading
// of the docs and are tested in tests/platforms/wecom_test.cpp only.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { getSignature, encrypt, decrypt } from '@wecom/crypto';
import { startRecorder, runProbe } from './harness.mjs';

// WeCom's official sample credentials, as in tests/platforms/wecom_test.cpp.
const TOKEN = 'QDG6eK';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
// The intelligent robot alone: Token and EncodingAESKey, no CorpID (its receive id is "").
const ENV = { PAIKE_WECOM_TOKEN: TOKEN, PAIKE_WECOM_AES_KEY: AES_KEY, PAIKE_WECOM_ROBOT_KEY: 'rk',
  PAIKE_WECOM_BOT_NAME: '拍客', PAIKE_WECOM_API_BASE: 'http://127.0.0.1:1' };

const now = () => Math.floor(Date.now() / 1000);

test('wecom: the intelligent robot URL check encrypted by @wecom/crypto (receive id "") is answered in plain text', async () => {
  const echostr = encrypt(AES_KEY, '1616140317555161061', '');
  const timestamp = String(now());
  const nonce = 'sdk-get';
  const outcome = await runProbe('wecom', ['webhook'], ENV, JSON.stringify({
    method: 'GET', body: '', now: Number(timestamp),
    query: { msg_signature: getSignature(TOKEN, timestamp, nonce, echostr), timestamp, nonce, echostr },
  }));
  assert.equal(outcome.status, 200);
  assert.equal(outcome.body, '1616140317555161061');
});

test('wecom: a robot message encrypted and signed by @wecom/crypto is accepted and read', async () => {
  // The docs' text message (tests/data/platforms/wecom/robot_text.json), @-mentioning the robot.
  const message = JSON.stringify({
    msgid: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=', aibotid: 'AIBOTID', chatid: 'CHATID', chattype: 'group',
    from: { userid: 'HanDeFu' }, response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC',
    msgtype: 'text', text: { content: '@拍客 #12 已整改' },
  });
  const ciphertext = encrypt(AES_KEY, message, '');
  assert.equal(decrypt(AES_KEY, ciphertext).message, message);  // the SDK reads back its own
  const timestamp = String(now());
  const nonce = 'sdk-post';
  const outcome = await runProbe('wecom', ['webhook'], ENV, JSON.stringify({
    method: 'POST', body: JSON.stringify({ encrypt: ciphertext }), now: Number(timestamp),
    query: { msg_signature: getSignature(TOKEN, timestamp, nonce, ciphertext), timestamp, nonce },
  }));
  assert.equal(outcome.status, 200);
  assert.equal(outcome.events.length, 1);
  const [event] = outcome.events;
  assert.equal(event.group_id, 'CHATID');
  assert.equal(event.user_id, 'sim:handefu');
  assert.equal(event.text, '#12 已整改');

  // A signature the SDK made over other ciphertext is refused.
  const forged = await runProbe('wecom', ['webhook'], ENV, JSON.stringify({
    method: 'POST', body: JSON.stringify({ encrypt: ciphertext }), now: Number(timestamp),
    query: { msg_signature: getSignature(TOKEN, timestamp, nonce, encrypt(AES_KEY, '{}', '')), timestamp, nonce: 'x' },
  }));
  assert.equal(forged.status, 401);
  assert.equal(forged.events.length, 0);
});

test('wecom: an image the intelligent robot serves encrypted is decrypted to the original bytes', async () => {
  const original = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(5000), Buffer.from([0xff, 0xd9])]);
  const key = Buffer.from(AES_KEY + '=', 'base64');
  const pad = 32 - (original.length % 32);
  const padded = Buffer.concat([original, Buffer.alloc(pad, pad)]);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  const encrypted = Buffer.concat([cipher.update(padded), cipher.final()]);
  const files = await startRecorder(() => ({ headers: { 'content-type': 'application/octet-stream' }, body: encrypted }));
  try {
    const fetched = await runProbe('wecom', ['fetch-media', '--ref', `${files.base}/BHoPdA3/7571665296904772241?sign=x`], ENV);
    assert.equal(fetched.ok, true, fetched.reason);
    assert.equal(fetched.bytes, original.length);
    assert.equal(fetched.sha256, crypto.createHash('sha256').update(original).digest('hex'));
    assert.equal(files.requests[0].method, 'GET');
  } finally {
    await files.close();
  }
});
