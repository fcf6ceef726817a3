// DingTalk's official SDK, @alicloud/dingtalk (robot_1_0 and oauth2_1_0 clients, endpoint
// pointed at a recorder over http), makes the same calls paike makes: accessToken, the robot's
// group message (orgGroupSend), its one-to-one message (batchSendOTO) and the download of a
// received file (robotMessageFileDownload). paike_probe makes each through the DingTalk
// adapter; the requests must match (method, path, query, content type, the token header, the
// JSON body). The SDK has no call for two things paike also does: replying through a
// callback's sessionWebhook (a URL DingTalk hands over) and the old API's media/upload on
// oapi.dingtalk.com (the new-API SDK does not cover it). Inbound, the SDK has nothing for the
// HTTP callback: the docs' payloads (tests/data/platforms/dingtalk) are signed here with node's
// crypto as the docs describe and fed to paike_probe's webhook operation.
import test from 'node:test';
import assert from 'node:assert/strict';
import Robot from '@alicloud/dingtalk/robot_1_0.js';
import OAuth2 from '@alicloud/dingtalk/oauth2_1_0.js';
import OpenApi from '@alicloud/openapi-client';
import Util from '@alicloud/tea-util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRecorder, runProbe, assertSameRequest } from './harness.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/platforms/dingtalk');

const appKey = 'dingappkey123';
const appSecret = 'appsecret';
const token = 'tok-1';

// The new API's answers as its docs show them (accessToken {accessToken, expireIn}; the send
// APIs {processQueryKey, …}; messageFiles/download {downloadUrl}).
function dingtalkApi(base) {
  return (req) => {
    if (req.path === '/v1.0/oauth2/accessToken') return { body: { accessToken: token, expireIn: 7200 } };
    if (req.path === '/v1.0/robot/messageFiles/download') return { body: { downloadUrl: `${base()}/file/abc` } };
    if (req.path === '/file/abc') return { body: Buffer.from('file-bytes') };
    return { body: { processQueryKey: 'pqk', invalidStaffIdList: [], flowControlledStaffIdList: [] } };
  };
}

async function recorder() {
  let base = '';
  const r = await startRecorder(dingtalkApi(() => base));
  base = r.base;
  return r;
}

const env = (base) => ({ PAIKE_DINGTALK_APP_KEY: appKey, PAIKE_DINGTALK_APP_SECRET: appSecret, PAIKE_DINGTALK_API_BASE: base });

function sdkConfig(base) {
  return new OpenApi.Config({ protocol: 'http', regionId: 'central', endpoint: base.replace('http://', '') });
}

const runtime = () => new Util.RuntimeOptions({});
const only = (requests, path) => {
  const found = requests.filter((r) => r.path === path);
  assert.equal(found.length, 1, `one request to ${path}`);
  return found[0];
};

test('dingtalk: accessToken as oauth2_1_0 getAccessToken asks for it', async () => {
  const sdkRec = await recorder();
  const paikeRec = await recorder();
  try {
    await new OAuth2.default(sdkConfig(sdkRec.base)).getAccessToken(new OAuth2.GetAccessTokenRequest({ appKey, appSecret }));
    const answer = await runProbe('dingtalk', ['check-online'], env(paikeRec.base));
    assert.deepEqual(answer.problems, []);
    assertSameRequest(only(sdkRec.take(), '/v1.0/oauth2/accessToken'), only(paikeRec.take(), '/v1.0/oauth2/accessToken'),
      { label: 'accessToken' });
  } finally {
    await sdkRec.close();
    await paikeRec.close();
  }
});

test('dingtalk: a group reply as robot_1_0 orgGroupSend sends it', async () => {
  const sdkRec = await recorder();
  const paikeRec = await recorder();
  try {
    const text = '#12 已整改，谢谢 "王大爷"\n下一条';
    const group = 'cidHanjia==';
    await new Robot.default(sdkConfig(sdkRec.base)).orgGroupSendWithOptions(
      new Robot.OrgGroupSendRequest({ msgKey: 'sampleText', msgParam: JSON.stringify({ content: text }), openConversationId: group, robotCode: appKey }),
      new Robot.OrgGroupSendHeaders({ xAcsDingtalkAccessToken: token }), runtime());
    const answer = await runProbe('dingtalk', ['send', '--group', group, '--text', text], env(paikeRec.base));
    assert.equal(answer.ok, true, JSON.stringify(answer));
    assertSameRequest(only(sdkRec.take(), '/v1.0/robot/groupMessages/send'), only(paikeRec.take(), '/v1.0/robot/groupMessages/send'),
      { headers: ['x-acs-dingtalk-access-token'], label: 'orgGroupSend' });
  } finally {
    await sdkRec.close();
    await paikeRec.close();
  }
});

test('dingtalk: a private reply as robot_1_0 batchSendOTO sends it', async () => {
  const sdkRec = await recorder();
  const paikeRec = await recorder();
  try {
    const text = '您的登录链接：https://paike.example.cn/login/abc';
    await new Robot.default(sdkConfig(sdkRec.base)).batchSendOTOWithOptions(
      new Robot.BatchSendOTORequest({ msgKey: 'sampleText', msgParam: JSON.stringify({ content: text }), robotCode: appKey, userIds: ['staff_handefu'] }),
      new Robot.BatchSendOTOHeaders({ xAcsDingtalkAccessToken: token }), runtime());
    // The test roster's 韩德福 has the DingTalk id staff_handefu; a DM is "dm:<roster id>".
    const answer = await runProbe('dingtalk', ['send', '--group', 'dm:sim:handefu', '--text', text], env(paikeRec.base));
    assert.equal(answer.ok, true, JSON.stringify(answer));
    const paike = paikeRec.take();
    assert.equal(paike.filter((r) => r.path === '/v1.0/robot/groupMessages/send').length, 0);
    assertSameRequest(only(sdkRec.take(), '/v1.0/robot/oToMessages/batchSend'), only(paike, '/v1.0/robot/oToMessages/batchSend'),
      { headers: ['x-acs-dingtalk-access-token'], label: 'batchSendOTO' });
  } finally {
    await sdkRec.close();
    await paikeRec.close();
  }
});

test('dingtalk: a photo and a voice note fetched as robot_1_0 robotMessageFileDownload asks for them', async () => {
  const sdkRec = await recorder();
  const paikeRec = await recorder();
  try {
    const code = 'mIofN681YE3f/+m+NntqpaX==';
    await new Robot.default(sdkConfig(sdkRec.base)).robotMessageFileDownloadWithOptions(
      new Robot.RobotMessageFileDownloadRequest({ downloadCode: code, robotCode: appKey }),
      new Robot.RobotMessageFileDownloadHeaders({ xAcsDingtalkAccessToken: token }), runtime());
    const sdk = only(sdkRec.take(), '/v1.0/robot/messageFiles/download');
    for (const operation of ['fetch-media', 'fetch-voice']) {
      const answer = await runProbe('dingtalk', [operation, '--ref', code], env(paikeRec.base));
      assert.equal(answer.ok, true, JSON.stringify(answer));
      assert.equal(answer.bytes, 'file-bytes'.length);
      assertSameRequest(sdk, only(paikeRec.take(), '/v1.0/robot/messageFiles/download'),
        { headers: ['x-acs-dingtalk-access-token'], label: `robotMessageFileDownload (${operation})` });
    }
  } finally {
    await sdkRec.close();
    await paikeRec.close();
  }
});

// The callback signed by node's own crypto as the docs say DingTalk signs it (sign =
// Base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret))), not by paike's code.
test('dingtalk: the docs\' callbacks, signed as DingTalk signs them, are accepted and parsed', async () => {
  const cases = {
    'text_at_bot.json': { text: '#12 已整改', mentions: [], group_id: 'xxx' },
    'text_at_person.json': { text: '@韩德福 村口垃圾堆了三天', mentions: ['sim:handefu'], group_id: 'xxx' },
    'audio_private.json': { text: '村口垃圾堆了三天没人清', mentions: [], group_id: 'dm:sim:handefu' },
  };
  for (const [name, want] of Object.entries(cases)) {
    const { payload } = JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
    const timestamp = String(payload.createAt);
    const sign = crypto.createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`).digest('base64');
    const request = { method: 'POST', headers: { timestamp, sign, 'content-type': 'application/json' },
      body: JSON.stringify(payload), now: Math.floor(payload.createAt / 1000) };
    const answer = await runProbe('dingtalk', ['webhook'], env('http://127.0.0.1:1'), JSON.stringify(request));
    assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer)}`);
    assert.equal(answer.events.length, 1, name);
    const event = answer.events[0];
    assert.equal(event.text, want.text, name);
    assert.deepEqual(event.mentions, want.mentions, name);
    assert.equal(event.group_id, want.group_id, name);
  }
  const forged = { method: 'POST', headers: { timestamp: '1613630252678', sign: 'AAAA' }, body: '{}', now: 1613630252 };
  assert.equal((await runProbe('dingtalk', ['webhook'], env('http://127.0.0.1:1'), JSON.stringify(forged))).status, 401);
});
