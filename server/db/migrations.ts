// Schema history. Append new migrations; never edit one that has shipped.
// Book-keeping is double entry: every transaction posts ledger rows that sum
// to zero, and books.balance is a cache of SUM(ledger.amount) per book that
// reconcile() checks.

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  per_payment INTEGER NOT NULL,
  daily INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

-- One book per wallet (id = account id), per card (id = card id), per
-- merchant and operator and currency, and one issuer book per currency
-- whose balance is minus the money issued.
CREATE TABLE books (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('wallet', 'card', 'merchant', 'operator', 'issuer')),
  currency TEXT NOT NULL,
  balance INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ledger (
  id INTEGER PRIMARY KEY,
  txn TEXT NOT NULL,
  book_id TEXT NOT NULL REFERENCES books(id),
  amount INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX ledger_book ON ledger(book_id);
CREATE INDEX ledger_txn ON ledger(txn);

CREATE TABLE cards (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX cards_account ON cards(account_id);

CREATE TABLE merchants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

-- A binding code is lookup (3 chars, unique among live codes) + secret (5 chars, hashed).
CREATE TABLE binding_codes (
  id INTEGER PRIMARY KEY,
  lookup TEXT NOT NULL,
  secret_hash BLOB NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  expires_at INTEGER NOT NULL,
  tries_left INTEGER NOT NULL,
  live INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX binding_codes_live ON binding_codes(lookup) WHERE live = 1;

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  credential_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  unbound_at INTEGER
);

-- live = 0 once a lease is long past expiry, which frees its number for reuse.
CREATE TABLE leases (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  lease_number TEXT NOT NULL,
  secret TEXT NOT NULL,
  step INTEGER NOT NULL,
  issuer_prefix TEXT NOT NULL,
  not_before INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  currency TEXT NOT NULL,
  per_payment INTEGER NOT NULL,
  daily INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  live INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX leases_live_number ON leases(lease_number) WHERE live = 1;
CREATE INDEX leases_device ON leases(device_id, created_at);
CREATE INDEX leases_live_expiry ON leases(expires_at) WHERE live = 1;

CREATE TABLE charges (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  idempotency_key TEXT NOT NULL,
  account_id TEXT,
  lease_id TEXT,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('approved', 'declined')),
  reason TEXT,
  refunded INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (merchant_id, idempotency_key)
);

-- The single-use guarantee: a (lease, step) pair is inserted once, inside the
-- charge transaction, whether the charge was approved or declined.
CREATE TABLE used_codes (
  lease_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  charge_id TEXT NOT NULL,
  PRIMARY KEY (lease_id, step)
) WITHOUT ROWID;

CREATE TABLE daily_spend (
  account_id TEXT NOT NULL,
  day TEXT NOT NULL,
  spent INTEGER NOT NULL,
  PRIMARY KEY (account_id, day)
) WITHOUT ROWID;

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  charge_id TEXT NOT NULL REFERENCES charges(id),
  merchant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  amount INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (merchant_id, idempotency_key)
);

CREATE TABLE top_ups (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  card_id TEXT NOT NULL REFERENCES cards(id),
  idempotency_key TEXT NOT NULL,
  amount INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, idempotency_key)
);

CREATE TABLE trips (
  id TEXT PRIMARY KEY,
  card_id TEXT NOT NULL REFERENCES cards(id),
  operator_id TEXT NOT NULL REFERENCES operators(id),
  idempotency_key TEXT NOT NULL,
  fare INTEGER NOT NULL,
  line TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (operator_id, idempotency_key)
);
CREATE INDEX trips_card ON trips(card_id, at);
`,
  },
  {
    version: 2,
    sql: `
-- Failed code verifications per lease and per merchant key, per time window
-- (see the guessing limits in docs/payment-codes.md).
CREATE TABLE verify_failures (
  subject TEXT NOT NULL,
  period INTEGER NOT NULL, -- floor(time / window length)
  count INTEGER NOT NULL,
  PRIMARY KEY (subject, period)
) WITHOUT ROWID;
`,
  },
  {
    version: 3,
    sql: `
-- The operator can revoke a merchant or transit operator key (\`issuer merchant revoke\`);
-- rotating a key replaces key_hash, revoking sets revoked_at. Either stops the old key at once.
ALTER TABLE merchants ADD COLUMN revoked_at INTEGER;
ALTER TABLE operators ADD COLUMN revoked_at INTEGER;
`,
  },
  {
    version: 4,
    sql: `
-- Nothing on SQLite: PostgreSQL's version 4 is the shared rate-limit table (rate_limits);
-- one SQLite issuer keeps its rate limits in memory. Kept so both dialects count alike.
SELECT 1;
`,
  },
  {
    version: 5,
    sql: `
-- Issue 10: a device's recent charges for the pay page's confirmation (GET /v1/activity, by lease)
-- and an account's last payments and refunds for the watch's history (GET /v1/sync).
CREATE INDEX charges_lease ON charges(lease_id, created_at);
CREATE INDEX charges_account ON charges(account_id, created_at);
CREATE INDEX refunds_charge ON refunds(charge_id);
`,
  },
  {
    version: 6,
    sql: `
-- A card's low-balance threshold (0: none) and automatic top-up (auto_top_up: the amount, NULL: off);
-- auto_at / auto_result: when the last automatic top-up was tried and how it went ('ok',
-- 'insufficient-funds', 'over-daily'), in the card's current dip under its threshold
-- (server/domain/auto-top-up.ts). An automatic top-up is a top_ups row like any other, its
-- idempotency key 'auto:' + the trip that crossed the threshold: one per crossing.
ALTER TABLE cards ADD COLUMN low_balance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN auto_top_up INTEGER;
ALTER TABLE cards ADD COLUMN auto_at INTEGER;
ALTER TABLE cards ADD COLUMN auto_result TEXT;
`,
  },
  {
    version: 7,
    sql: `
-- Ride codes (lib/ride, docs/ride-codes.md). The issuer's P-256 signing keys (id 0..7 is the
-- key id in a code's header); a certificate per (lease, card) whose serial the code carries;
-- the taps readers upload, each once per (operator, reader, tap id); and one row per ride
-- (serial, step): the first tap of a ride is charged, any other is a duplicate.
CREATE TABLE ride_keys (
  id INTEGER PRIMARY KEY CHECK (id BETWEEN 0 AND 7),
  secret TEXT NOT NULL,
  public_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retired_at INTEGER
);
CREATE TABLE ride_certs (
  serial INTEGER PRIMARY KEY CHECK (serial BETWEEN 1 AND 4294967295),
  lease_id TEXT NOT NULL REFERENCES leases(id),
  device_id TEXT NOT NULL,
  card_id TEXT NOT NULL REFERENCES cards(id),
  key_id INTEGER NOT NULL,
  not_after INTEGER NOT NULL, -- Unix seconds
  cert TEXT NOT NULL,
  public_key TEXT NOT NULL -- the card key (compressed, base64url): the issuer checks step signatures with it
);
CREATE INDEX ride_certs_lease ON ride_certs(lease_id);
CREATE INDEX ride_certs_not_after ON ride_certs(not_after);
CREATE TABLE ride_taps (
  operator_id TEXT NOT NULL REFERENCES operators(id),
  reader_id TEXT NOT NULL,
  tap_id INTEGER NOT NULL,
  serial INTEGER,
  step INTEGER,
  card_id TEXT,
  at INTEGER NOT NULL,
  fare INTEGER NOT NULL,
  line TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('charged', 'duplicate', 'refused', 'unpaid')),
  reason TEXT,
  trip_id TEXT,
  first_reader TEXT,
  first_tap INTEGER,
  uploaded_at INTEGER NOT NULL,
  PRIMARY KEY (operator_id, reader_id, tap_id)
) WITHOUT ROWID;
CREATE INDEX ride_taps_status ON ride_taps(operator_id, status, uploaded_at);
CREATE TABLE ride_rides (
  serial INTEGER NOT NULL,
  step INTEGER NOT NULL,
  operator_id TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  tap_id INTEGER NOT NULL,
  PRIMARY KEY (serial, step)
) WITHOUT ROWID;
`,
  },
];

// PostgreSQL: the same schema, version for version, in its dialect. Amounts
// and times are BIGINT (read back as JS numbers, pg-store.ts); cards, leases
// and trips carry a `rowid` serial so "newest first" ties break the same way
// as SQLite's rowid. Applied under an advisory lock (pg-store.ts migratePg).
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  per_payment BIGINT NOT NULL,
  daily BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE books (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('wallet', 'card', 'merchant', 'operator', 'issuer')),
  currency TEXT NOT NULL,
  balance BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE ledger (
  id BIGSERIAL PRIMARY KEY,
  txn TEXT NOT NULL,
  book_id TEXT NOT NULL REFERENCES books(id),
  amount BIGINT NOT NULL,
  kind TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX ledger_book ON ledger(book_id);
CREATE INDEX ledger_txn ON ledger(txn);
CREATE TABLE cards (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  rowid BIGSERIAL NOT NULL
);
CREATE INDEX cards_account ON cards(account_id);
CREATE TABLE merchants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash BYTEA NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash BYTEA NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE binding_codes (
  id BIGSERIAL PRIMARY KEY,
  lookup TEXT NOT NULL,
  secret_hash BYTEA NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  expires_at BIGINT NOT NULL,
  tries_left INTEGER NOT NULL,
  live INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX binding_codes_live ON binding_codes(lookup) WHERE live = 1;
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  credential_hash BYTEA NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  unbound_at BIGINT
);
CREATE TABLE leases (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  lease_number TEXT NOT NULL,
  secret TEXT NOT NULL,
  step INTEGER NOT NULL,
  issuer_prefix TEXT NOT NULL,
  not_before BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  currency TEXT NOT NULL,
  per_payment BIGINT NOT NULL,
  daily BIGINT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  live INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  rowid BIGSERIAL NOT NULL
);
CREATE UNIQUE INDEX leases_live_number ON leases(lease_number) WHERE live = 1;
CREATE INDEX leases_device ON leases(device_id, created_at);
CREATE INDEX leases_live_expiry ON leases(expires_at) WHERE live = 1;
CREATE TABLE charges (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  idempotency_key TEXT NOT NULL,
  account_id TEXT,
  lease_id TEXT,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('approved', 'declined')),
  reason TEXT,
  refunded BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  UNIQUE (merchant_id, idempotency_key)
);
CREATE TABLE used_codes (
  lease_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  charge_id TEXT NOT NULL,
  PRIMARY KEY (lease_id, step)
);
CREATE TABLE daily_spend (
  account_id TEXT NOT NULL,
  day TEXT NOT NULL,
  spent BIGINT NOT NULL,
  PRIMARY KEY (account_id, day)
);
CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  charge_id TEXT NOT NULL REFERENCES charges(id),
  merchant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  amount BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (merchant_id, idempotency_key)
);
CREATE TABLE top_ups (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  card_id TEXT NOT NULL REFERENCES cards(id),
  idempotency_key TEXT NOT NULL,
  amount BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, idempotency_key)
);
CREATE TABLE trips (
  id TEXT PRIMARY KEY,
  card_id TEXT NOT NULL REFERENCES cards(id),
  operator_id TEXT NOT NULL REFERENCES operators(id),
  idempotency_key TEXT NOT NULL,
  fare BIGINT NOT NULL,
  line TEXT NOT NULL,
  at BIGINT NOT NULL,
  rowid BIGSERIAL NOT NULL,
  UNIQUE (operator_id, idempotency_key)
);
CREATE INDEX trips_card ON trips(card_id, at);
`,
  },
  {
    version: 2,
    sql: `
CREATE TABLE verify_failures (
  subject TEXT NOT NULL,
  period BIGINT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (subject, period)
);
`,
  },
  {
    version: 3,
    sql: `
-- As SQLite's version 3: a revoked merchant or operator key (revoked_at). Also a serial on
-- charges, so the till's newest-first list breaks ties within a millisecond as SQLite's rowid does.
ALTER TABLE merchants ADD COLUMN revoked_at BIGINT;
ALTER TABLE operators ADD COLUMN revoked_at BIGINT;
ALTER TABLE charges ADD COLUMN rowid BIGSERIAL NOT NULL;
`,
  },
  {
    version: 4,
    sql: `
-- Request counts per rate-limit key, shared by every issuer process
-- (server/plugins/rate-limit.ts): the window starts with a key's first
-- request, as in @fastify/rate-limit's own memory store.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count BIGINT NOT NULL
);
CREATE INDEX rate_limits_start ON rate_limits(window_start);
`,
  },
  {
    version: 5,
    sql: `
-- Issue 10: a device's recent charges for the pay page's confirmation (GET /v1/activity, by lease)
-- and an account's last payments and refunds for the watch's history (GET /v1/sync).
CREATE INDEX charges_lease ON charges(lease_id, created_at);
CREATE INDEX charges_account ON charges(account_id, created_at);
CREATE INDEX refunds_charge ON refunds(charge_id);
`,
  },
  {
    version: 6,
    sql: `
-- As SQLite's version 6: a card's low-balance threshold and automatic top-up.
ALTER TABLE cards ADD COLUMN low_balance BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN auto_top_up BIGINT;
ALTER TABLE cards ADD COLUMN auto_at BIGINT;
ALTER TABLE cards ADD COLUMN auto_result TEXT;
`,
  },
  {
    version: 7,
    sql: `
-- As SQLite's version 7: ride keys, certificates, uploaded taps and rides.
CREATE TABLE ride_keys (
  id INTEGER PRIMARY KEY CHECK (id BETWEEN 0 AND 7),
  secret TEXT NOT NULL,
  public_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  retired_at BIGINT
);
CREATE SEQUENCE ride_cert_serials MINVALUE 1 MAXVALUE 4294967295;
CREATE TABLE ride_certs (
  serial BIGINT PRIMARY KEY DEFAULT nextval('ride_cert_serials'),
  lease_id TEXT NOT NULL REFERENCES leases(id),
  device_id TEXT NOT NULL,
  card_id TEXT NOT NULL REFERENCES cards(id),
  key_id INTEGER NOT NULL,
  not_after BIGINT NOT NULL,
  cert TEXT NOT NULL,
  public_key TEXT NOT NULL
);
CREATE INDEX ride_certs_lease ON ride_certs(lease_id);
CREATE INDEX ride_certs_not_after ON ride_certs(not_after);
CREATE TABLE ride_taps (
  operator_id TEXT NOT NULL REFERENCES operators(id),
  reader_id TEXT NOT NULL,
  tap_id BIGINT NOT NULL,
  serial BIGINT,
  step BIGINT,
  card_id TEXT,
  at BIGINT NOT NULL,
  fare BIGINT NOT NULL,
  line TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('charged', 'duplicate', 'refused', 'unpaid')),
  reason TEXT,
  trip_id TEXT,
  first_reader TEXT,
  first_tap BIGINT,
  uploaded_at BIGINT NOT NULL,
  PRIMARY KEY (operator_id, reader_id, tap_id)
);
CREATE INDEX ride_taps_status ON ride_taps(operator_id, status, uploaded_at);
CREATE TABLE ride_rides (
  serial BIGINT NOT NULL,
  step BIGINT NOT NULL,
  operator_id TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  tap_id BIGINT NOT NULL,
  PRIMARY KEY (serial, step)
);
`,
  },
];
