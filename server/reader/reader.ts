// A reference transit gate for ride codes (docs/ride-codes.md): it accepts or refuses a code at
// once from what it holds (the issuer's public keys and the last signed revocation list it
// fetched), keeps every accepted tap in its own SQLite file, and uploads the taps when the issuer
// is reachable. Crash-safe and idempotent: a tap is written before the gate opens, and it is
// marked uploaded only after the issuer answered for it; the issuer answers a repeated tap id
// as it did the first time, so an upload cut short and sent again counts once.
import Database from 'better-sqlite3';
import { RIDE_UPLOAD_MAX_TAPS } from '../../lib/issuer-api/schema';
import { issuerKeysFrom, REVOCATION_GRACE_MS, type RevocationList, verifyRevocationList } from '../../lib/ride/issuer';
import { RIDE_REFUSAL_TEXT, type RideRefusal, verifyRideCode } from '../../lib/ride/verify';

export interface ReaderOptions {
  /** The reader's SQLite file (created if missing). */
  file: string;
  /** The reader's id, unique within its operator (goes with every upload). */
  id: string;
  line: string;
  fare: number;
  /** The issuer's base URL (http://host:port) and the operator's key; without them the reader stays offline. */
  issuer?: string;
  operatorKey?: string;
  now?: () => number;
  /** fetch, replaceable (tests cut the network with it). */
  fetch?: typeof fetch;
  /** Taps per upload request (default and most: the API's 200). */
  batch?: number;
}

export type ReadResult =
  { ok: true; tap: number; serial: number; step: number } | { ok: false; reason: RideRefusal; message: string };

export interface UploadReport {
  sent: number;
  charged: number;
  duplicate: number;
  refused: number;
  unpaid: number;
}

interface UploadResult {
  id: number;
  status: 'charged' | 'duplicate' | 'refused' | 'unpaid';
  reason: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS taps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL,
  serial INTEGER NOT NULL,
  step INTEGER NOT NULL,
  at INTEGER NOT NULL,
  fare INTEGER NOT NULL,
  line TEXT NOT NULL,
  uploaded INTEGER NOT NULL DEFAULT 0,
  status TEXT,
  reason TEXT,
  UNIQUE (serial, step)
);
CREATE INDEX IF NOT EXISTS taps_pending ON taps(uploaded, id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export class Reader {
  readonly db: Database.Database;
  private keys = new Map<number, Uint8Array>();
  private list: RevocationList | null = null;
  private revoked = new Set<number>();
  private readonly now: () => number;
  private readonly fetcher: typeof fetch;

  constructor(readonly o: ReaderOptions) {
    this.db = new Database(o.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL'); // an accepted tap survives a power cut
    this.db.exec(SCHEMA);
    this.now = o.now ?? Date.now;
    this.fetcher = o.fetch ?? fetch;
    this.loadState();
  }

  private loadState(): void {
    const get = (k: string) =>
      (this.db.prepare('SELECT value FROM state WHERE key = ?').get(k) as { value: string } | undefined)?.value;
    const keys = get('keys');
    if (keys) this.keys = issuerKeysFrom(JSON.parse(keys) as Array<{ id: number; publicKey: string }>);
    const list = get('revocations');
    if (list) this.acceptList(JSON.parse(list) as unknown);
  }

  private acceptList(x: unknown): boolean {
    const checked = verifyRevocationList(x, this.keys);
    if (!checked.ok) return false;
    if (this.list && checked.list.issuedAt < this.list.issuedAt) return false; // never go back to an older list
    this.list = checked.list;
    this.revoked = new Set(checked.list.serials);
    return true;
  }

  /** Stores the issuer's keys (as GET /v1/transit/ride-keys answers them). */
  setKeys(keys: Array<{ id: number; publicKey: string }>): void {
    this.keys = issuerKeysFrom(keys);
    this.db
      .prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
      .run('keys', JSON.stringify(keys));
  }

  /** Stores a revocation list if it is signed by a known key and not older than the one held. */
  setRevocationList(list: unknown): boolean {
    if (!this.acceptList(list)) return false;
    this.db
      .prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
      .run('revocations', JSON.stringify(list));
    return true;
  }

  get revocationList(): RevocationList | null {
    return this.list;
  }

  /** Accept or refuse a code now, offline; an accepted tap is stored before this returns. Never throws for any input. */
  read(code: unknown): ReadResult {
    const now = this.now();
    if (!this.list || now > this.list.nextUpdate + REVOCATION_GRACE_MS)
      return { ok: false, reason: 'revocation-list-stale', message: RIDE_REFUSAL_TEXT['revocation-list-stale'] };
    const v = verifyRideCode(code, { keys: this.keys, nowMs: now, isRevoked: (s) => this.revoked.has(s) });
    if (!v.ok) return v;
    // UNIQUE (serial, step): the same ride twice at this gate is refused, even across restarts.
    const ins = this.db
      .prepare('INSERT INTO taps (code, serial, step, at, fare, line) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run((code as string).trim(), v.serial, v.step, now, this.o.fare, this.o.line);
    if (ins.changes === 0) return { ok: false, reason: 'used', message: RIDE_REFUSAL_TEXT.used };
    return { ok: true, tap: Number(ins.lastInsertRowid), serial: v.serial, step: v.step };
  }

  pending(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM taps WHERE uploaded = 0').get() as { n: number }).n;
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    if (!this.o.issuer || !this.o.operatorKey) throw new Error('no issuer configured (offline reader)');
    const init = {
      method,
      headers: {
        authorization: `Bearer ${this.o.operatorKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    let res: Response;
    try {
      res = await this.fetcher(this.o.issuer + path, init);
    } catch {
      // Once more on a fresh connection: a kept-alive one the issuer closed meanwhile resets. Every
      // call here may be repeated (an upload answers a repeated tap as before).
      res = await this.fetcher(this.o.issuer + path, init);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`issuer answered ${res.status} to ${method} ${path}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  }

  /** Fetches the issuer's keys and the current revocation list. Throws if the issuer is unreachable. */
  async refresh(): Promise<void> {
    const keys = (await this.request('GET', '/v1/transit/ride-keys')) as {
      keys: Array<{ id: number; publicKey: string }>;
    };
    this.setKeys(keys.keys);
    const list = await this.request('GET', '/v1/transit/ride-revocations');
    if (!this.setRevocationList(list)) throw new Error('the issuer sent a revocation list that does not verify');
  }

  /**
   * Uploads every tap not yet uploaded, oldest first, in batches; marks each batch uploaded with
   * the issuer's answer in one transaction. Throws (after marking the batches that got through)
   * when the issuer cannot be reached. `onBatch` runs after each batch's answer is stored.
   */
  async upload(onBatch?: (done: number) => void): Promise<UploadReport> {
    const report: UploadReport = { sent: 0, charged: 0, duplicate: 0, refused: 0, unpaid: 0 };
    const pick = this.db.prepare('SELECT id, code, at, fare, line FROM taps WHERE uploaded = 0 ORDER BY id LIMIT ?');
    const mark = this.db.prepare('UPDATE taps SET uploaded = 1, status = ?, reason = ? WHERE id = ?');
    const markAll = this.db.transaction((results: UploadResult[]) => {
      for (const r of results) mark.run(r.status, r.reason, r.id);
    });
    for (;;) {
      const batch = pick.all(Math.min(this.o.batch ?? RIDE_UPLOAD_MAX_TAPS, RIDE_UPLOAD_MAX_TAPS)) as Array<{
        id: number;
        code: string;
        at: number;
        fare: number;
        line: string;
      }>;
      if (batch.length === 0) return report;
      const answer = (await this.request('POST', '/v1/transit/ride-taps', { reader: this.o.id, taps: batch })) as {
        results: UploadResult[];
      };
      const sent = new Set(batch.map((t) => t.id));
      const results = answer.results.filter((r) => sent.has(r.id));
      markAll(results);
      report.sent += results.length;
      for (const r of results) report[r.status]++;
      onBatch?.(report.sent);
      if (results.length < batch.length) throw new Error('the issuer did not answer for every tap');
    }
  }

  close(): void {
    this.db.close();
  }
}
