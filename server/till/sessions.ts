// The till's sessions: a merchant key is exchanged once for a random session token that lives in
// an HttpOnly cookie; the key itself is never stored or sent again. Sessions live in the server's
// memory (a restart signs cashiers out), keyed by the SHA-256 of the token. Each use re-checks that
// the merchant still holds the key the session was opened with, so `issuer merchant revoke` or
// `rotate-key`, run from another process, ends the merchant's sessions at once.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../domain/context';
import { hashSecret } from '../domain/ids';

/** A session ends after this long without a request. */
export const TILL_IDLE_MS = 15 * 60_000;
/** ... and this long after sign-in whatever happens. */
export const TILL_MAX_MS = 12 * 3600_000;

export interface TillSession {
  merchantId: string;
  merchantName: string;
  /** The merchant's key_hash at sign-in. */
  keyHash: Buffer;
  /** Sent by the page in the x-csrf-token header on every request that changes something. */
  csrfToken: string;
  createdAt: number;
  lastSeen: number;
}

export class TillSessions {
  private readonly byTokenHash = new Map<string, TillSession>();

  constructor(private readonly ctx: Ctx) {}

  /** Checks a merchant key; a new session and its token, or undefined for a wrong or revoked key. */
  async open(merchantKey: string): Promise<{ token: string; session: TillSession } | undefined> {
    if (!merchantKey.startsWith('wm_')) return undefined;
    const keyHash = hashSecret(merchantKey);
    const row = await this.ctx.db.get<{ id: string; name: string }>(
      'SELECT id, name FROM merchants WHERE key_hash = ? AND revoked_at IS NULL',
      keyHash,
    );
    if (!row) return undefined;
    this.sweepIdle();
    const now = this.ctx.now();
    const token = randomBytes(32).toString('base64url');
    const session: TillSession = {
      merchantId: row.id,
      merchantName: row.name,
      keyHash,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeen: now,
    };
    this.byTokenHash.set(hashSecret(token).toString('base64url'), session);
    return { token, session };
  }

  /** The live session of a token, touched (idle timer restarted); undefined if none, idle, too old or its key changed. */
  async use(token: string | undefined): Promise<TillSession | undefined> {
    if (!token) return undefined;
    const id = hashSecret(token).toString('base64url');
    const s = this.byTokenHash.get(id);
    if (!s) return undefined;
    const now = this.ctx.now();
    if (!(await this.alive(s, now))) {
      this.byTokenHash.delete(id);
      return undefined;
    }
    s.lastSeen = now;
    return s;
  }

  close(token: string | undefined): void {
    if (token) this.byTokenHash.delete(hashSecret(token).toString('base64url'));
  }

  /** How many sessions are open (for tests): each is checked against the database as a request would be. */
  async size(): Promise<number> {
    const now = this.ctx.now();
    for (const [id, s] of [...this.byTokenHash]) if (!(await this.alive(s, now))) this.byTokenHash.delete(id);
    return this.byTokenHash.size;
  }

  private timedOut(s: TillSession, now: number): boolean {
    return now - s.lastSeen >= TILL_IDLE_MS || now - s.createdAt >= TILL_MAX_MS;
  }

  private async alive(s: TillSession, now: number): Promise<boolean> {
    if (this.timedOut(s, now)) return false;
    const row = await this.ctx.db.get<{ key_hash: Buffer }>(
      'SELECT key_hash FROM merchants WHERE id = ? AND revoked_at IS NULL',
      s.merchantId,
    );
    return row !== undefined && row.key_hash.length === s.keyHash.length && timingSafeEqual(row.key_hash, s.keyHash);
  }

  /** Drops timed-out sessions (no database look-up; a revoked key's sessions go on their next use). */
  private sweepIdle(): void {
    const now = this.ctx.now();
    for (const [id, s] of this.byTokenHash) if (this.timedOut(s, now)) this.byTokenHash.delete(id);
  }
}

/** Constant-time comparison of two tokens. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
