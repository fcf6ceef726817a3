#include "storage/migrations.h"

namespace paike {

const std::vector<std::string_view>& schema_tables() {
  static const std::vector<std::string_view> tables = {
      "tickets",        "photos",         "ticket_photos", "ticket_events",  "ticket_voices",   "outbox",
      "reminder_steps", "followups",      "points",        "closeoff_waits", "pending_reports", "inbox",
      "inbox_payloads", "schedule_marks", "login_links",   "web_sessions",   "voice_prompts",   "sent_parts",
  };
  return tables;
}

const std::vector<std::string_view>& schema_migrations() {
  static const std::vector<std::string_view> migrations = {
      // 1: the walking skeleton — inbox, tickets, photos, audit, outbox, pending reports.
      R"sql(
CREATE TABLE inbox (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  group_id     TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  payload      TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  processed_at INTEGER,
  error        TEXT,
  UNIQUE (platform, event_id)
);
CREATE INDEX inbox_by_state ON inbox (state, id);
CREATE INDEX inbox_by_group ON inbox (platform, group_id, id);

CREATE TABLE tickets (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  status              TEXT NOT NULL CHECK (status IN ('assigned', 'rectified', 'closed', 'withdrawn', 'merged')),
  category            TEXT NOT NULL,
  category_confidence REAL NOT NULL DEFAULT 0,
  village             TEXT NOT NULL,
  grid_id             TEXT,
  location_source     TEXT NOT NULL,
  landmark            TEXT,
  lat                 REAL,
  lng                 REAL,
  text                TEXT NOT NULL,
  reporter_id         TEXT NOT NULL,
  reporter_name       TEXT NOT NULL,
  filer_id            TEXT NOT NULL,
  assignee_id         TEXT NOT NULL,
  platform            TEXT NOT NULL,
  group_id            TEXT NOT NULL,
  source_event_id     TEXT NOT NULL,
  source_message_id   TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  due_at              INTEGER NOT NULL,
  closed_at           INTEGER,
  merged_into         INTEGER REFERENCES tickets (id)
);
CREATE INDEX tickets_by_status ON tickets (status, due_at);
CREATE INDEX tickets_by_village ON tickets (village, status);
CREATE INDEX tickets_by_reporter ON tickets (platform, group_id, reporter_id, created_at);

CREATE TABLE photos (
  sha256     TEXT PRIMARY KEY,
  format     TEXT NOT NULL,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  phash      INTEGER NOT NULL DEFAULT 0,
  lat        REAL,
  lng        REAL,
  taken_at   INTEGER,
  camera     TEXT,
  sharpness  REAL,
  brightness REAL,
  created_at INTEGER NOT NULL
);

CREATE TABLE ticket_photos (
  id              INTEGER PRIMARY KEY,
  ticket_id       INTEGER NOT NULL REFERENCES tickets (id),
  sha256          TEXT NOT NULL REFERENCES photos (sha256),
  kind            TEXT NOT NULL CHECK (kind IN ('before', 'after', 'followup')),
  added_at        INTEGER NOT NULL,
  source_event_id TEXT NOT NULL,
  UNIQUE (ticket_id, sha256, kind)
);

CREATE TABLE ticket_events (
  id              INTEGER PRIMARY KEY,
  ticket_id       INTEGER NOT NULL REFERENCES tickets (id),
  at              INTEGER NOT NULL,
  actor_id        TEXT NOT NULL,
  action          TEXT NOT NULL,
  from_status     TEXT,
  to_status       TEXT,
  field           TEXT,
  old_value       TEXT,
  new_value       TEXT,
  reason          TEXT,
  source_event_id TEXT
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

CREATE TABLE outbox (
  id                  INTEGER PRIMARY KEY,
  platform            TEXT NOT NULL,
  group_id            TEXT NOT NULL,
  text                TEXT NOT NULL,
  mentions            TEXT NOT NULL DEFAULT '[]',
  reply_to            TEXT,
  image_sha256        TEXT,
  ticket_id           INTEGER REFERENCES tickets (id),
  state               TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  next_attempt_at     INTEGER NOT NULL,
  sent_at             INTEGER,
  platform_message_id TEXT,
  last_error          TEXT
);
CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_by_group ON outbox (platform, group_id, id);

CREATE TABLE pending_reports (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  opened_at   INTEGER NOT NULL,
  deadline_at INTEGER NOT NULL,
  payload     TEXT NOT NULL
);
CREATE INDEX pending_reports_by_sender ON pending_reports (platform, group_id, user_id);
CREATE INDEX pending_reports_by_deadline ON pending_reports (deadline_at);
)sql",
      // lifecycle: a quoted bot message names its ticket (other platforms quote by their own
      // message id), and a `#12 已整改` without a photo waits for the photo here.
      R"sql(
CREATE INDEX outbox_by_platform_message ON outbox (platform, platform_message_id);
CREATE TABLE closeoff_waits (
  id              INTEGER PRIMARY KEY,
  platform        TEXT NOT NULL,
  group_id        TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  ticket_id       INTEGER NOT NULL REFERENCES tickets (id),
  opened_at       INTEGER NOT NULL,
  deadline_at     INTEGER NOT NULL,
  source_event_id TEXT NOT NULL,
  UNIQUE (platform, group_id, user_id)
);
CREATE INDEX closeoff_waits_by_deadline ON closeoff_waits (deadline_at);
)sql",
      // reminders: the ladder's fired steps, 回头看, the points ledger, once-only marks for the
      // digest and cursors, chart images in the outbox, and indexes for the digest's day ranges.
      R"sql(
CREATE TABLE reminder_steps (
  id          INTEGER PRIMARY KEY,
  ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
  step        TEXT NOT NULL,
  due_at      INTEGER NOT NULL,  -- the ticket's due_at the step belongs to: an extension starts a new ladder
  fell_due_at INTEGER NOT NULL,
  fired_at    INTEGER NOT NULL,
  outbox_id   INTEGER REFERENCES outbox (id),  -- NULL: recorded but not sent (superseded)
  UNIQUE (ticket_id, step, due_at)
);

CREATE TABLE followups (
  id                INTEGER PRIMARY KEY,
  ticket_id         INTEGER NOT NULL REFERENCES tickets (id),
  closed_at         INTEGER NOT NULL,  -- the close this follow-up is about
  asked_at          INTEGER NOT NULL,
  outbox_id         INTEGER REFERENCES outbox (id),
  answered_at       INTEGER,
  answered_by       TEXT,
  outcome           TEXT CHECK (outcome IN ('normal', 'relapse')),
  relapse_ticket_id INTEGER REFERENCES tickets (id),
  UNIQUE (ticket_id, closed_at)
);
CREATE INDEX followups_by_answer ON followups (outcome, answered_at);

CREATE TABLE points (
  id        INTEGER PRIMARY KEY,
  user_id   TEXT NOT NULL,
  amount    INTEGER NOT NULL,
  reason    TEXT NOT NULL,
  ticket_id INTEGER REFERENCES tickets (id),
  at        INTEGER NOT NULL,
  source    TEXT NOT NULL UNIQUE  -- what earned it, e.g. "close:12:assignee": one row per source, ever
);
CREATE INDEX points_by_user ON points (user_id, at);
CREATE INDEX points_by_time ON points (at);

CREATE TABLE schedule_marks (
  name  TEXT PRIMARY KEY,  -- "digest:2026-11-23", "points-cursor"
  value INTEGER NOT NULL DEFAULT 0,
  at    INTEGER NOT NULL
);

ALTER TABLE outbox ADD COLUMN image_format TEXT;
CREATE INDEX tickets_by_created ON tickets (created_at);
CREATE INDEX tickets_by_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX ticket_events_by_status ON ticket_events (to_status, id);
-- Open tickets per village with their times, small and covering: the digest counts them per day.
CREATE INDEX tickets_open_by_village ON tickets (village, due_at, created_at) WHERE status IN ('assigned', 'rectified');
)sql",
      // ledger: one-time login links and browser sessions of the web ledger. Only SHA-256
      // digests of the secrets are stored, so a copy of the database logs nobody in.
      R"sql(
CREATE TABLE login_links (
  token_sha256 TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER
);
CREATE TABLE web_sessions (
  token_sha256 TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);
)sql",
      // fuzz: the flood guard counts one chat's and one sender's events of the last minute.
      R"sql(
CREATE INDEX inbox_by_group_time ON inbox (platform, group_id, received_at);
CREATE INDEX inbox_by_sender_time ON inbox (platform, group_id, user_id, received_at);
)sql",
      // digest: the day-range indexes carry every column the digest and the ranking read, so
      // a day or a month of a million-ticket ledger is counted from the index alone.
      R"sql(
DROP INDEX tickets_by_created;
DROP INDEX tickets_by_closed;
CREATE INDEX tickets_created_by_village ON tickets (created_at, village);
CREATE INDEX tickets_closed_covering ON tickets (closed_at, status, due_at, created_at, village)
  WHERE closed_at IS NOT NULL;
)sql",
      // flood notice: "was anyone in this chat already told this minute" is answered from the
      // few skipped rows alone. Reading `error` from the table walks past each row's payload
      // (a photo is 100s of KB of overflow pages), which made the check grow with the backlog.
      R"sql(
CREATE INDEX inbox_skipped_by_group ON inbox (platform, group_id, error, received_at, user_id)
  WHERE error IS NOT NULL;
)sql",
      // payloads apart: marking an event done rewrote its whole row, a photo's 100s of KB of
      // overflow pages with it (read, written to the WAL, copied again by the checkpoint),
      // because state, processed_at and error are stored after the payload. Events are read
      // once and marked once; their bodies are written once.
      R"sql(
CREATE TABLE inbox_payloads (
  inbox_id INTEGER PRIMARY KEY REFERENCES inbox (id),
  payload  TEXT NOT NULL
);
INSERT INTO inbox_payloads (inbox_id, payload) SELECT id, payload FROM inbox;
ALTER TABLE inbox DROP COLUMN payload;
)sql",
      // duplicates: a photo report is compared with every before-photo of its village's open
      // tickets; with the pHash beside the photo's key, each of them is one index read instead
      // of two, the key's index and then the row (2,500 photos: 4.5 → 3.0 ms).
      R"sql(
CREATE INDEX photos_phash ON photos (sha256, phash);
)sql",
      // voice notes: the audio of a spoken report is kept with its ticket (the bytes in the
      // photo store's private voices/), and each sender is asked at most once in a while to
      // type instead when a voice note came without a transcript.
      R"sql(
CREATE TABLE ticket_voices (
  id              INTEGER PRIMARY KEY,
  ticket_id       INTEGER NOT NULL REFERENCES tickets (id),
  sha256          TEXT NOT NULL,
  format          TEXT NOT NULL,
  bytes           INTEGER NOT NULL,
  transcript      TEXT NOT NULL,
  added_at        INTEGER NOT NULL,
  source_event_id TEXT NOT NULL,
  UNIQUE (ticket_id, sha256)
);
CREATE TABLE voice_prompts (
  platform TEXT NOT NULL,
  group_id TEXT NOT NULL,
  user_id  TEXT NOT NULL,
  asked_at INTEGER NOT NULL,
  PRIMARY KEY (platform, group_id, user_id)
);
)sql",
      // Audit reasons for people: the system's reasons become a wording key and its
      // parameters (config/default_replies.yaml, audit.*), so they are read in Chinese; the
      // English notes older versions wrote are kept as the one code "legacy" (shown as a
      // generic phrase), except a merged report's own words, which stay its reason.
      R"sql(
ALTER TABLE ticket_events ADD COLUMN reason_code TEXT;
ALTER TABLE ticket_events ADD COLUMN reason_params TEXT;
UPDATE ticket_events SET reason_code = 'legacy',
  reason = CASE WHEN instr(reason, '): ') > 0 THEN substr(reason, instr(reason, '): ') + 3) END
  WHERE reason LIKE 'category confidence %' OR reason LIKE 'photo taken %' OR reason LIKE 'photo matches %'
     OR reason LIKE 'due %, outbox %' OR reason LIKE 'closed ____-%';
)sql",
      // several instances (PostgreSQL): an instance claims the inbox event it handles and the
      // outbox messages it sends for a lease, so each is worked on by one instance at a time
      // and one whose instance died is taken over when the lease runs out; the parts of a
      // message already posted (text and image go as two calls) are kept across instances.
      R"sql(
ALTER TABLE inbox ADD COLUMN leased_by TEXT;
ALTER TABLE inbox ADD COLUMN lease_until INTEGER;
ALTER TABLE outbox ADD COLUMN leased_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
CREATE TABLE sent_parts (
  part_key            TEXT PRIMARY KEY,  -- SHA-256 of the message and the part's number
  platform_message_id TEXT NOT NULL,
  sent_at             INTEGER NOT NULL
);
CREATE INDEX sent_parts_by_time ON sent_parts (sent_at);
-- "is an earlier event of this chat still pending" for each claim, past a chat's done events.
CREATE INDEX inbox_pending_by_group ON inbox (platform, group_id, id) WHERE state = 'pending';
)sql",
      // big ledgers (issue 26, 10 M tickets on PostgreSQL): the ledger's counts per status under a
      // village or a category filter, and the digest's most overdue open tickets, read from
      // indexes alone. Counting a category went through tickets_by_status row by row on
      // SQLite (5 s over 1 M tickets); the most overdue were a sort of every open ticket on
      // PostgreSQL (2 s over 10 M).
      R"sql(
DROP INDEX tickets_by_village;
CREATE INDEX tickets_by_village ON tickets (village, status, due_at);
CREATE INDEX tickets_by_category ON tickets (category, status, due_at);
CREATE INDEX tickets_open_by_due ON tickets (due_at, id) WHERE status IN ('assigned', 'rectified');
)sql",
      // big ledgers, the ledger's creation-date filters: a village's last 30 days walked the ids
      // backwards past every other village's tickets (980 ms over 10 M on PostgreSQL), and the
      // township's last 7 days fetched each ticket for its status (440 ms); both from indexes
      // now (9 ms, 44 ms).
      R"sql(
CREATE INDEX tickets_by_village_created ON tickets (village, created_at);
DROP INDEX tickets_created_by_village;
CREATE INDEX tickets_created_by_village ON tickets (created_at, village, status, due_at);
)sql",
  };
  return migrations;
}

}  // namespace paike
