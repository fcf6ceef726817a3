// `paike check-config --online --config FILE` (issue 23) run as a clerk runs it: the real binary,
// each platform's example deployment, and a fake platform API on 127.0.0.1 that answers as the
// platform answers a wrong secret (the error bodies follow each platform's documented format).
// Each case must end with exit 1 and a line that names what the clerk has to fix.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRecorder } from '../sdk/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../config/examples');
const paike = process.env.PAIKE_BINARY;

function checkOnline(platform, env) {
  assert.ok(paike, 'PAIKE_BINARY must name the paike binary');
  return new Promise((resolve) => {
    execFile(paike, ['check-config', '--online', '--config', path.join(examples, `${platform}.yaml`)],
      { env: { PATH: process.env.PATH, PAIKE_API_TOKEN: 'api-token', ...env }, timeout: 60000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

// Secrets and API bases per platform; `base` is the fake API.
const platforms = {
  telegram: (base) => ({ PAIKE_TELEGRAM_TOKEN: '123456:wrong', PAIKE_TELEGRAM_SECRET: 's', PAIKE_TELEGRAM_API_BASE: base }),
  feishu: (base) => ({
    PAIKE_FEISHU_APP_ID: 'cli_a', PAIKE_FEISHU_APP_SECRET: 'wrong', PAIKE_FEISHU_VERIFICATION_TOKEN: 'v',
    PAIKE_FEISHU_ENCRYPT_KEY: 'k', PAIKE_FEISHU_API_BASE: base,
  }),
  dingtalk: (base) => ({
    PAIKE_DINGTALK_APP_KEY: 'ding_a', PAIKE_DINGTALK_APP_SECRET: 'wrong', PAIKE_DINGTALK_API_BASE: base,
    PAIKE_DINGTALK_OAPI_BASE: base,
  }),
  wecom: (base) => ({
    PAIKE_WECOM_CORP_ID: 'ww1', PAIKE_WECOM_SECRET: 'wrong', PAIKE_WECOM_TOKEN: 't',
    PAIKE_WECOM_AES_KEY: 'a'.repeat(43), PAIKE_WECOM_AGENT_ID: '1000002', PAIKE_WECOM_API_BASE: base,
    PAIKE_WECOM_ROBOT_KEY: 'rk',  // the example deployment has a 群机器人 group
  }),
  onebot: (base) => ({ PAIKE_ONEBOT_ACCESS_TOKEN: 'wrong', PAIKE_ONEBOT_SECRET: 's', PAIKE_ONEBOT_API_BASE: base }),
};

// How each platform answers a wrong secret (or, for WeCom, a server IP not in 企业可信IP), and
// what the clerk must read.
const wrong = {
  // core.telegram.org/bots/api "Making requests": {ok:false, error_code, description}.
  telegram: { answer: () => ({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } }),
              says: /PAIKE_TELEGRAM_TOKEN/ },
  // open.feishu.cn 自建应用获取 tenant_access_token: code 10014 "app secret invalid".
  feishu: { answer: () => ({ status: 400, body: { code: 10014, msg: 'app secret invalid' } }),
            says: /PAIKE_FEISHU_APP_SECRET/ },
  // open.dingtalk.com 获取企业内部应用的accessToken: 400 with code/message for a wrong secret.
  dingtalk: { answer: () => ({ status: 400, body: { code: 'invalidClientSecret', message: '无效的clientSecret', requestid: 'r' } }),
              says: /PAIKE_DINGTALK_APP_SECRET/ },
  // developer.work.weixin.qq.com 全局错误码 60020: not allow to access from your ip.
  wecom: { answer: () => ({ body: { errcode: 60020, errmsg: 'not allow to access from your ip, hint: [1]' } }),
           says: /企业可信IP/ },
  // OneBot v11 communication/http.md: 401 without a token, 403 with a wrong one.
  onebot: { answer: () => ({ status: 403, body: '' }), says: /PAIKE_ONEBOT_ACCESS_TOKEN/ },
};

for (const [name, env] of Object.entries(platforms)) {
  test(`${name}: a wrong secret is named, exit 1`, async () => {
    const api = await startRecorder(wrong[name].answer);
    try {
      const run = await checkOnline(name, env(api.base));
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, wrong[name].says, run.stdout);
      assert.ok(api.requests.length > 0, 'the platform was called');
    } finally {
      await api.close();
    }
  });

  test(`${name}: an unreachable platform API is said, exit 1`, async () => {
    const api = await startRecorder();
    const base = api.base;
    await api.close();  // nothing listens there any more
    const run = await checkOnline(name, env(base));
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /连不上|无法连接|连接不上/, run.stdout);
  });
}

test('without --online nothing is called and the files pass', async () => {
  const api = await startRecorder(wrong.telegram.answer);
  try {
    const run = await new Promise((resolve) => {
      execFile(paike, ['check-config', '--config', path.join(examples, 'telegram.yaml')],
        { env: { PATH: process.env.PATH, PAIKE_API_TOKEN: 'api-token', ...platforms.telegram(api.base) } },
        (error, stdout) => resolve({ code: error ? error.code : 0, stdout }));
    });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(api.requests.length, 0);
  } finally {
    await api.close();
  }
});
