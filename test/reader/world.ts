// The issuer and reader set-up shared by the reader tests (fast and crash lanes): an issuer on loopback with
// one operator, a scratch folder for reader databases, online-then-cuttable readers and riders with a lease.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { makeRideCode } from '../../lib/ride/code';
import { Reader } from '../../server/reader/reader';
import { call, card, customer, type Customer, type Harness, operator, startIssuer } from '../server/helpers';

export interface GateOptions {
  file?: string;
  id?: string;
  fetch?: typeof fetch;
  batch?: number;
}

/** Filled in by the suite's beforeAll; read the fields inside tests, not at module load. */
export interface ReaderWorld {
  h: Harness;
  dir: string;
  operatorKey: string;
  operatorId: string;
  /** A reader that fetched keys and list while online; `net.up = false` cuts its network. */
  gate(opts?: GateOptions): Promise<{ reader: Reader; net: { up: boolean } }>;
  rider(balance?: number): Promise<Customer & { cardId: string; lease: Parameters<typeof makeRideCode>[0] }>;
}

/** Registers the suite's beforeAll/afterAll; state lives in the returned object, so files never share it. */
export function readerWorld(): ReaderWorld {
  let readers = 0;
  const w = {
    async gate(opts: GateOptions = {}) {
      const net = { up: true };
      const reader = new Reader({
        file: opts.file ?? join(w.dir, `r${++readers}.sqlite`),
        id: opts.id ?? `gate-${readers}`,
        line: 'Line 2',
        fare: 200,
        issuer: w.h.url,
        operatorKey: w.operatorKey,
        now: () => w.h.clock.now,
        ...(opts.batch ? { batch: opts.batch } : {}),
        fetch: (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
          if (!net.up) throw new TypeError('fetch failed (network cut)');
          return (opts.fetch ?? fetch)(input, init);
        }) as typeof fetch,
      });
      await reader.refresh();
      return { reader, net };
    },
    async rider(balance = 10_000) {
      const c = await customer(w.h);
      const cardId = await card(w.h, c.accountId, balance);
      const res = await call(w.h, 'POST', '/v1/leases', { token: c.credential });
      return { ...c, cardId, lease: res.body.lease };
    },
  } as ReaderWorld;
  beforeAll(async () => {
    w.h = await startIssuer();
    w.dir = mkdtempSync(join(tmpdir(), 'reader-test-'));
    ({ operatorKey: w.operatorKey, operatorId: w.operatorId } = await operator(w.h));
  });
  afterAll(async () => {
    await w.h.close();
    rmSync(w.dir, { recursive: true, force: true });
  });
  return w;
}
