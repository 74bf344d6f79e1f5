// The issuer's world in one call, for the tests, the demo (sim/cli/demo.ts) and the benches: a
// temporary SQLite file (or a store the caller opens, e.g. PostgreSQL) with a server on loopback (startLocalIssuer), and the operator's set-up of
// an account with a wallet balance, a transit card, a merchant, a transit operator and a binding
// code (seedWorld). Both go through the same admin functions as `npm run issuer`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildServer } from './app';
import type { ConfigOverrides } from './config';
import type { Ctx } from './domain/context';
import { addCard, createAccount, createBindingCode, createMerchant, createOperator } from './domain/admin';
import { openSqliteStore } from './db/sqlite-store';
import type { Store } from './db/store';

export interface LocalIssuer {
  app: FastifyInstance;
  ctx: Ctx;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The temporary folder holding issuer.sqlite (SQLite); removed by close(). */
  dir: string;
  close(): Promise<void>;
}

/** An issuer listening on a free loopback port, on a fresh database in a temporary folder. */
export async function startLocalIssuer(
  opts: {
    now?: () => number;
    config?: ConfigOverrides;
    logger?: FastifyServerOptions['logger'];
    tmpPrefix?: string;
    /** Opens the store (given the temporary folder); default a SQLite file in it. close() closes it, then calls drop. */
    openStore?: (dir: string) => Promise<{ store: Store; drop?: () => Promise<void> }>;
  } = {},
): Promise<LocalIssuer> {
  const dir = mkdtempSync(join(tmpdir(), opts.tmpPrefix ?? 'issuer-'));
  let opened: { store: Store; drop?: () => Promise<void> };
  try {
    opened = opts.openStore ? await opts.openStore(dir) : { store: openSqliteStore(join(dir, 'issuer.sqlite')) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const db = opened.store;
  const release = async () => {
    await db.close();
    await opened.drop?.();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { app, ctx } = await buildServer({ db, config: opts.config, now: opts.now, logger: opts.logger ?? false });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      app,
      ctx,
      url,
      dir,
      async close() {
        await app.close();
        await release();
      },
    };
  } catch (e) {
    await release();
    throw e;
  }
}

export interface AccountOptions {
  /** The account holder; default 'Li Wei'. */
  name?: string;
  /** Wallet balance in minor units; default 50_000. */
  balance?: number;
  /** Default 'CNY'. */
  currency?: string;
  /** A transit card on the account; default { name: 'Metro card', balance: 2_000 }; null for none. */
  card?: { name: string; balance: number } | null;
}

export interface SeededAccount {
  accountId: string;
  /** null when AccountOptions.card was null. */
  cardId: string | null;
  /** A fresh binding code for the account (valid for config.bindingCodeTtlMs). */
  bindingCode: string;
}

/** A customer's account with its wallet balance, a transit card and a binding code for the watch. */
export async function seedAccount(ctx: Ctx, opts: AccountOptions = {}): Promise<SeededAccount> {
  const { accountId } = await createAccount(ctx, {
    name: opts.name ?? 'Li Wei',
    balance: opts.balance ?? 50_000,
    currency: opts.currency ?? 'CNY',
  });
  const card = opts.card === undefined ? { name: 'Metro card', balance: 2_000 } : opts.card;
  const cardId = card ? (await addCard(ctx, { accountId, ...card })).cardId : null;
  return { accountId, cardId, bindingCode: (await createBindingCode(ctx, accountId)).code };
}

export interface WorldOptions extends AccountOptions {
  /** Default 'Canteen'. */
  merchantName?: string;
  /** Default 'Metro'. */
  operatorName?: string;
}

export interface World extends SeededAccount {
  merchantId: string;
  merchantKey: string;
  operatorId: string;
  operatorKey: string;
}

/** What an operator sets up before a customer binds a watch: account, card, binding code, merchant, transit operator. */
export async function seedWorld(ctx: Ctx, opts: WorldOptions = {}): Promise<World> {
  const account = await seedAccount(ctx, opts);
  const { merchantId, merchantKey } = await createMerchant(ctx, { name: opts.merchantName ?? 'Canteen' });
  const { operatorId, operatorKey } = await createOperator(ctx, { name: opts.operatorName ?? 'Metro' });
  return { ...account, merchantId, merchantKey, operatorId, operatorKey };
}
