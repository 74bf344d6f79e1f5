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
-- Nothing on SQLite: PostgreSQL's version 7 is its charge as server-side functions
-- (wallet_charge, wallet_charge_batch); SQLite runs the charge in process. Kept so both
-- dialects count alike.
SELECT 1;
`,
  },
  {
    version: 8,
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
-- A charge's decision and writes as one server-side call (server/domain/charges.ts,
-- chargeOnPostgres): one round trip and one commit instead of ~16 statements. The issuer
-- has already verified the code against the lease it read (HMAC in the issuer) and passes
-- its verdict; everything a decision rests on is re-read here under the same locks, in the
-- same order, as chargeInTransaction takes them on SQLite: the lease's row first (charges
-- of one lease one at a time: single use, the per-lease guessing limit), then the account's
-- row (limits, balance, today's spend). Each statement reads what was committed when it
-- started (READ COMMITTED), so state read after a lock is current.
-- p_verdict: 'ok' or a VerifyFailure ('malformed', 'bad-check-digit', 'unknown-lease',
-- 'outside-window', 'expired', 'revoked', 'used'). Returns the charge row as answered, or
-- status 'too-many-failures' (the merchant key's guessing limit: HTTP 429, nothing written).
CREATE FUNCTION wallet_charge(
  p_merchant TEXT, p_key TEXT, p_charge TEXT, p_lease TEXT, p_account TEXT, p_verdict TEXT,
  p_step INTEGER, p_amount BIGINT, p_currency TEXT, p_now BIGINT, p_day TEXT,
  p_mperiod BIGINT, p_lperiod BIGINT, p_mmax BIGINT, p_lmax BIGINT, p_mbook TEXT)
RETURNS TABLE (id TEXT, status TEXT, reason TEXT, amount BIGINT, currency TEXT)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_verdict TEXT := p_verdict;
  v_account TEXT := p_account;
  v_reason TEXT;
  v_status TEXT := 'declined';
  v_revoked INTEGER;
  v_failures BIGINT;
  v_locked BOOLEAN := false;
  v_n INTEGER;
  a RECORD;
  prior RECORD;
BEGIN
  IF p_lease IS NOT NULL THEN
    SELECT l.revoked INTO v_revoked FROM leases l WHERE l.id = p_lease AND l.live = 1 FOR UPDATE;
    IF NOT FOUND THEN
      -- Retired since the issuer read it: as if the number were unknown.
      v_verdict := 'unknown-lease';
      v_account := NULL;
    END IF;
  END IF;
  SELECT c.id, c.status, c.reason, c.amount, c.currency INTO prior
    FROM charges c WHERE c.merchant_id = p_merchant AND c.idempotency_key = p_key;
  IF FOUND THEN
    RETURN QUERY SELECT prior.id, prior.status, prior.reason, prior.amount, prior.currency;
    RETURN;
  END IF;
  SELECT f.count INTO v_failures FROM verify_failures f
   WHERE f.subject = 'merchant:' || p_merchant AND f.period = p_mperiod;
  IF COALESCE(v_failures, 0) >= p_mmax THEN
    RETURN QUERY SELECT NULL::TEXT, 'too-many-failures'::TEXT, NULL::TEXT, NULL::BIGINT, NULL::TEXT;
    RETURN;
  END IF;
  IF p_lease IS NOT NULL AND v_verdict <> 'unknown-lease' THEN
    SELECT f.count INTO v_failures FROM verify_failures f
     WHERE f.subject = 'lease:' || p_lease AND f.period = p_lperiod;
    IF COALESCE(v_failures, 0) >= p_lmax THEN
      -- Guessed at too often this window: not evaluated, as if unknown.
      v_verdict := 'unknown-lease';
      v_locked := true;
    ELSIF v_revoked = 1 AND v_verdict IN ('ok', 'used', 'expired') THEN
      v_verdict := 'revoked';
    END IF;
  END IF;
  IF v_verdict = 'ok' THEN
    INSERT INTO used_codes (lease_id, step, charge_id) VALUES (p_lease, p_step, p_charge) ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    PERFORM 1 FROM accounts x WHERE x.id = v_account FOR UPDATE;
    SELECT x.id, x.currency, x.per_payment, x.daily, b.balance, COALESCE(s.spent, 0) AS spent INTO a
      FROM accounts x JOIN books b ON b.id = x.id
      LEFT JOIN daily_spend s ON s.account_id = x.id AND s.day = p_day
     WHERE x.id = v_account;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'lease % points at a missing account', p_lease;
    END IF;
    IF v_n <> 1 THEN v_reason := 'used';
    ELSIF a.currency <> p_currency THEN v_reason := 'currency-mismatch';
    ELSIF p_amount > a.per_payment THEN v_reason := 'over-per-payment';
    ELSIF a.spent + p_amount > a.daily THEN v_reason := 'over-daily';
    ELSIF a.balance < p_amount THEN v_reason := 'insufficient-funds';
    ELSE
      v_status := 'approved';
      UPDATE books SET balance = balance - p_amount WHERE books.id = a.id;
      INSERT INTO books (id, kind, currency, balance) VALUES (p_mbook, 'merchant', a.currency, p_amount)
        ON CONFLICT ON CONSTRAINT books_pkey DO UPDATE SET balance = books.balance + excluded.balance;
      INSERT INTO ledger (txn, book_id, amount, kind, at)
        VALUES (p_charge, a.id, -p_amount, 'charge', p_now), (p_charge, p_mbook, p_amount, 'charge', p_now);
      INSERT INTO daily_spend (account_id, day, spent) VALUES (a.id, p_day, p_amount)
        ON CONFLICT ON CONSTRAINT daily_spend_pkey DO UPDATE SET spent = daily_spend.spent + excluded.spent;
    END IF;
  ELSE
    v_reason := CASE WHEN v_verdict IN ('expired', 'revoked', 'used') THEN v_verdict ELSE 'unknown-code' END;
    IF v_reason = 'unknown-code' THEN
      INSERT INTO verify_failures (subject, period, count) VALUES ('merchant:' || p_merchant, p_mperiod, 1)
        ON CONFLICT ON CONSTRAINT verify_failures_pkey DO UPDATE SET count = verify_failures.count + 1;
      IF p_lease IS NOT NULL AND NOT v_locked AND v_verdict = 'outside-window' THEN
        INSERT INTO verify_failures (subject, period, count) VALUES ('lease:' || p_lease, p_lperiod, 1)
          ON CONFLICT ON CONSTRAINT verify_failures_pkey DO UPDATE SET count = verify_failures.count + 1;
      END IF;
    END IF;
  END IF;
  -- (merchant, key) is unique: of two charges with one key on two issuers, the second fails
  -- here (23505), is re-run by the issuer, and then answers the first one's row above.
  INSERT INTO charges (id, merchant_id, idempotency_key, account_id, lease_id, amount, currency, status, reason, created_at)
  VALUES (p_charge, p_merchant, p_key, v_account, CASE WHEN v_verdict = 'ok' OR v_reason = 'used' THEN p_lease END, p_amount, p_currency,
          v_status, v_reason, p_now);
  RETURN QUERY SELECT p_charge, v_status, v_reason, p_amount, p_currency;
END
$fn$;

-- PostgreSQL's group commit (chargeBatcher in server/domain/charges.ts): the charges one
-- issuer received in one turn of its event loop whose codes verified, in one call, one
-- transaction and one WAL flush. The arrays are one charge per index, sorted by account
-- then lease, so two batches on two issuers lock accounts in the same order. Each charge
-- runs in its own block (a subtransaction): one that raises is undone alone and answered
-- 'retry' (the issuer re-runs it with wallet_charge), and so is one that turns out to need
-- a failure counter (its lease locked by guessing, or retired): the counters are written by
-- wallet_charge only. The merchants' credits (books and ledger rows) are summed and written
-- at the end, in book order: every batch holds those hot rows only for its commit.
CREATE FUNCTION wallet_charge_batch(
  p_merchant TEXT[], p_key TEXT[], p_charge TEXT[], p_lease TEXT[], p_account TEXT[], p_step INTEGER[],
  p_amount BIGINT[], p_currency TEXT[], p_now BIGINT[], p_day TEXT[], p_mperiod BIGINT[], p_lperiod BIGINT[],
  p_mbook TEXT[], p_mmax BIGINT, p_lmax BIGINT)
RETURNS TABLE (i INTEGER, id TEXT, status TEXT, reason TEXT, amount BIGINT, currency TEXT)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  k INTEGER;
  v_revoked INTEGER;
  v_failures BIGINT;
  v_reason TEXT;
  v_status TEXT;
  v_n INTEGER;
  a RECORD;
  prior RECORD;
  c_txn TEXT[] := '{}';
  c_book TEXT[] := '{}';
  c_cur TEXT[] := '{}';
  c_amt BIGINT[] := '{}';
  c_at BIGINT[] := '{}';
  credit RECORD;
BEGIN
  FOR k IN 1 .. COALESCE(array_length(p_charge, 1), 0) LOOP
    BEGIN
      SELECT l.revoked INTO v_revoked FROM leases l WHERE l.id = p_lease[k] AND l.live = 1 FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'lease retired' USING ERRCODE = 'WW001';
      END IF;
      SELECT c.id, c.status, c.reason, c.amount, c.currency INTO prior
        FROM charges c WHERE c.merchant_id = p_merchant[k] AND c.idempotency_key = p_key[k];
      IF FOUND THEN
        i := k; id := prior.id; status := prior.status; reason := prior.reason;
        amount := prior.amount; currency := prior.currency;
        RETURN NEXT;
        CONTINUE;
      END IF;
      SELECT f.count INTO v_failures FROM verify_failures f
       WHERE f.subject = 'merchant:' || p_merchant[k] AND f.period = p_mperiod[k];
      IF COALESCE(v_failures, 0) >= p_mmax THEN
        i := k; id := NULL; status := 'too-many-failures'; reason := NULL; amount := NULL; currency := NULL;
        RETURN NEXT;
        CONTINUE;
      END IF;
      SELECT f.count INTO v_failures FROM verify_failures f
       WHERE f.subject = 'lease:' || p_lease[k] AND f.period = p_lperiod[k];
      IF COALESCE(v_failures, 0) >= p_lmax THEN
        RAISE EXCEPTION 'lease locked by failures' USING ERRCODE = 'WW001';
      END IF;
      v_status := 'declined';
      v_reason := NULL;
      IF v_revoked = 1 THEN
        v_reason := 'revoked';
      ELSE
        INSERT INTO used_codes (lease_id, step, charge_id) VALUES (p_lease[k], p_step[k], p_charge[k])
          ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS v_n = ROW_COUNT;
        PERFORM 1 FROM accounts x WHERE x.id = p_account[k] FOR UPDATE;
        SELECT x.id, x.currency, x.per_payment, x.daily, b.balance, COALESCE(s.spent, 0) AS spent INTO a
          FROM accounts x JOIN books b ON b.id = x.id
          LEFT JOIN daily_spend s ON s.account_id = x.id AND s.day = p_day[k]
         WHERE x.id = p_account[k];
        IF NOT FOUND THEN
          RAISE EXCEPTION 'lease % points at a missing account', p_lease[k];
        END IF;
        IF v_n <> 1 THEN v_reason := 'used';
        ELSIF a.currency <> p_currency[k] THEN v_reason := 'currency-mismatch';
        ELSIF p_amount[k] > a.per_payment THEN v_reason := 'over-per-payment';
        ELSIF a.spent + p_amount[k] > a.daily THEN v_reason := 'over-daily';
        ELSIF a.balance < p_amount[k] THEN v_reason := 'insufficient-funds';
        ELSE
          v_status := 'approved';
          UPDATE books SET balance = balance - p_amount[k] WHERE books.id = a.id;
          INSERT INTO ledger (txn, book_id, amount, kind, at) VALUES (p_charge[k], a.id, -p_amount[k], 'charge', p_now[k]);
          INSERT INTO daily_spend (account_id, day, spent) VALUES (a.id, p_day[k], p_amount[k])
            ON CONFLICT ON CONSTRAINT daily_spend_pkey DO UPDATE SET spent = daily_spend.spent + excluded.spent;
        END IF;
      END IF;
      INSERT INTO charges (id, merchant_id, idempotency_key, account_id, lease_id, amount, currency, status, reason, created_at)
      VALUES (p_charge[k], p_merchant[k], p_key[k], p_account[k], CASE WHEN v_revoked = 1 THEN NULL ELSE p_lease[k] END,
              p_amount[k], p_currency[k], v_status, v_reason, p_now[k]);
      -- Last in the block: a charge undone above leaves nothing here.
      IF v_status = 'approved' THEN
        c_txn := c_txn || p_charge[k];
        c_book := c_book || p_mbook[k];
        c_cur := c_cur || a.currency;
        c_amt := c_amt || p_amount[k];
        c_at := c_at || p_now[k];
      END IF;
      i := k; id := p_charge[k]; status := v_status; reason := v_reason;
      amount := p_amount[k]; currency := p_currency[k];
      RETURN NEXT;
    EXCEPTION WHEN OTHERS THEN
      i := k; id := NULL; status := 'retry'; reason := SQLSTATE; amount := NULL; currency := NULL;
      RETURN NEXT;
    END;
  END LOOP;
  IF array_length(c_txn, 1) > 0 THEN
    -- A book opened on first use, then credited with a plain UPDATE, book by book in id order:
    -- an upsert's update would lock the row against the ledger's foreign-key checks too.
    INSERT INTO books (id, kind, currency, balance)
      SELECT DISTINCT t.b, 'merchant', t.c, 0 FROM unnest(c_book, c_cur) AS t(b, c) ORDER BY 1
      ON CONFLICT DO NOTHING;
    FOR credit IN SELECT t.b, SUM(t.a) AS s FROM unnest(c_book, c_amt) AS t(b, a) GROUP BY t.b ORDER BY t.b LOOP
      UPDATE books SET balance = balance + credit.s WHERE books.id = credit.b;
    END LOOP;
    INSERT INTO ledger (txn, book_id, amount, kind, at)
      SELECT t.x, t.b, t.a, 'charge', t.at FROM unnest(c_txn, c_book, c_amt, c_at) AS t(x, b, a, at);
  END IF;
END
$fn$;
`,
  },
  {
    version: 8,
    sql: `
-- As SQLite's version 8: ride keys, certificates, uploaded taps and rides.
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
