// `npm run issuer -- <command>`: the operator's tool. Works on the same store
// as the server (the SQLite file, or PostgreSQL when DATABASE_URL is set),
// also while it runs. Prints one JSON object per command; on failure
// {error, message} and exit code 1.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFromEnv } from './config';
import type { Ctx } from './domain/context';
import { addCard, createAccount, createBindingCode, createMerchant, createOperator } from './domain/admin';
import { IssuerError } from './domain/errors';
import { reconcile } from './domain/ledger';
import { DEFAULT_DB_PATH } from './db/open';
import { openStore, type Store } from './db/store';
import { exportWallet, importWallet } from './db/transfer';

export const USAGE = `usage: npm run issuer -- <command>
  account create --name N --balance MINOR --currency CNY   -> {accountId}
  card add --account ID --name N --balance MINOR           -> {cardId}
  binding-code --account ID                                -> {code, expiresAt}
  merchant create --name N                                 -> {merchantId, merchantKey}
  operator create --name N                                 -> {operatorId, operatorKey}
  reconcile                                                -> {ok, books, entries, problems}
  export                                                   -> the whole wallet as one JSON document (> wallet.json)
  import                                                   -> reads an export on stdin into an empty database (< wallet.json)
database: $DATABASE_URL (postgres://...) if set, else the SQLite file $WALLET_DB (default ${DEFAULT_DB_PATH})`;

const usage = (message: string): IssuerError => new IssuerError(2, 'usage', `${message}\n${USAGE}`);

function required(values: Record<string, string | undefined>, name: string): string {
  const v = values[name];
  if (v === undefined || v === '') throw usage(`--${name} is required`);
  return v;
}

function minorUnits(raw: string | undefined, name: string): number {
  if (raw === undefined) return 0;
  if (!/^\d{1,15}$/.test(raw)) throw usage(`--${name} must be a whole number of minor units (e.g. 10000 for 100.00)`);
  return Number(raw);
}

/** Runs one command; exported for tests. `stdin` is read by import only. */
export async function runCommand(ctx: Ctx, argv: string[], stdin?: () => Promise<string>): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      balance: { type: 'string' },
      currency: { type: 'string' },
      account: { type: 'string' },
    },
  });
  const command = positionals.join(' ');
  switch (command) {
    case 'account create':
      return createAccount(ctx, {
        name: required(values, 'name'),
        balance: minorUnits(values.balance, 'balance'),
        currency: required(values, 'currency'),
      });
    case 'card add':
      return addCard(ctx, { accountId: required(values, 'account'), name: required(values, 'name'), balance: minorUnits(values.balance, 'balance') });
    case 'binding-code':
      return createBindingCode(ctx, required(values, 'account'));
    case 'merchant create':
      return createMerchant(ctx, { name: required(values, 'name') });
    case 'operator create':
      return createOperator(ctx, { name: required(values, 'name') });
    case 'reconcile':
      return reconcile(ctx.db);
    case 'export':
      return exportWallet(ctx.db);
    case 'import': {
      if (!stdin) throw usage('import reads the export on stdin');
      const text = await stdin();
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        throw new IssuerError(400, 'bad-export', 'stdin is not JSON');
      }
      return importWallet(ctx.db, doc);
    }
    default:
      throw usage(command ? `unknown command "${command}"` : 'no command given');
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  let db: Store | undefined;
  try {
    const config = configFromEnv(process.env);
    db = await openStore(process.env, { poolSize: 2 });
    const result = await runCommand({ db, config, now: Date.now }, process.argv.slice(2), readStdin);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (typeof result === 'object' && result !== null && 'ok' in result && result.ok === false) process.exitCode = 1;
  } catch (err) {
    const body =
      err instanceof IssuerError
        ? { error: err.code, message: err.message }
        : { error: 'failed', message: err instanceof Error ? err.message : String(err) };
    process.stdout.write(`${JSON.stringify(body)}\n`);
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
