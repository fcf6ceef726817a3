// The peer's ack path, as a Node.js developer would write it for the same bot:
// POST /webhook/sim → validate the JSON like paike's simulator (bot/platforms/sim/parse.cpp),
// refuse unknown groups (404), insert once on event_id into SQLite (WAL, synchronous=FULL,
// as paike's storage/database.cpp), answer 200 {"ok":true}. One worker process per core
// (node:cluster) with a prepared statement each, so it uses the machine like paike does.
//   node ack.js PORT DATA_DIR            (PEER_WORKERS=N to change the process count)
'use strict';
const cluster = require('node:cluster');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const Database = require('better-sqlite3');

const port = Number(process.argv[2] || 8090);
const dataDir = process.argv[3] || './peer-data';
const workers = Number(process.env.PEER_WORKERS || os.availableParallelism());

function openDatabase() {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'peer.db'));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS inbox (
    id INTEGER PRIMARY KEY, platform TEXT NOT NULL, event_id TEXT NOT NULL, group_id TEXT NOT NULL,
    user_id TEXT NOT NULL, received_at INTEGER NOT NULL, payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', UNIQUE (platform, event_id))`);
  return db;
}

// The demo township's groups, from the same file paike embeds.
function knownGroups() {
  const csv = fs.readFileSync(path.join(__dirname, '../../../config/demo/groups.csv'), 'utf8');
  return new Set(csv.split('\n').slice(1).map((line) => line.split(',')).filter((f) => f[0] === 'sim').map((f) => f[1]));
}

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

function validate(body) {
  let j;
  try { j = JSON.parse(body); } catch { return 'the body is not valid JSON'; }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) return 'the body must be a JSON object';
  for (const key of ['event_id', 'group_id', 'user_id']) {
    if (typeof j[key] !== 'string' || j[key] === '') return `missing or empty string field '${key}'`;
  }
  for (const key of ['user_name', 'time', 'text', 'image_b64', 'reply_to']) {
    if (j[key] !== undefined && j[key] !== null && typeof j[key] !== 'string') return `'${key}' must be a string`;
  }
  if (typeof j.time === 'string' && !ISO_8601.test(j.time)) return "'time' must be ISO 8601 with an offset";
  if (j.location !== undefined && j.location !== null) {
    const { lat, lng } = j.location;
    if (typeof lat !== 'number' || typeof lng !== 'number' || !(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
      return "'location' must be {\"lat\": number, \"lng\": number}";
    }
  }
  if (j.mentions !== undefined && j.mentions !== null && !Array.isArray(j.mentions)) return "'mentions' must be a list";
  return j;
}

function reply(res, status, object) {
  const body = JSON.stringify(object);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function serve() {
  const db = openDatabase();
  const insert = db.prepare(`INSERT INTO inbox (platform, event_id, group_id, user_id, received_at, payload)
    VALUES ('sim', ?, ?, ?, ?, ?) ON CONFLICT (platform, event_id) DO NOTHING`);
  const groups = knownGroups();
  http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhook/sim') return reply(res, 404, { error: 'not found' });
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      // The bytes are stored as received: binding the decoded string would encode 2 MB back to UTF-8.
      const raw = Buffer.concat(chunks);
      const j = validate(raw.toString('utf8'));
      if (typeof j === 'string') return reply(res, 400, { error: j });
      const dm = j.group_id === `dm:${j.user_id}`;
      if (!dm && !groups.has(j.group_id)) return reply(res, 404, { error: `unknown group '${j.group_id}'` });
      try {
        insert.run(j.event_id, j.group_id, j.user_id, Date.now(), raw);
      } catch (e) {
        return reply(res, 503, { error: 'cannot store the event right now; please retry' });
      }
      reply(res, 200, { ok: true });
    });
  }).listen(port, '127.0.0.1');
}

if (cluster.isPrimary && workers > 1) {
  openDatabase().close();  // create the schema once, before the workers race for it
  for (let i = 0; i < workers; ++i) cluster.fork();
  console.log(`peer ack on 127.0.0.1:${port}, ${workers} workers, data in ${dataDir}`);
} else {
  serve();
  if (workers <= 1) console.log(`peer ack on 127.0.0.1:${port}, data in ${dataDir}`);
}
