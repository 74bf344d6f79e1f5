// `npm run issuer -- <command>`: the operator's tool. Works on the same SQLite
// file as the server, also while it runs (WAL + busy_timeout). Prints one
// JSON object per command; on failure {error, message} and exit code 1.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFromEnv } from './config';
import type { Ctx } from './domain/context';
import { addCard, createAccount, createBindingCode, createMerchant, createOperator } from './domain/admin';
import { IssuerError } from './domain/errors';
import { reconcile } from './domain/ledger';
import { DEFAULT_DB_PATH, openDatabase } from './db/open';

export const USAGE = `usage: npm run issuer -- <command>
  account create --name N --balance MINOR --currency CNY   -> {accountId}
  card add --account ID --name N --balance MINOR           -> {cardId}
  binding-code --account ID                                -> {code, expiresAt}
  merchant create --name N                                 -> {merchantId, merchantKey}
  operator create --name N                                 -> {operatorId, operatorKey}
  reconcile                                                -> {ok, books, entries, problems}
database: $WALLET_DB (default ${DEFAULT_DB_PATH})`;

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

/** Runs one command; exported for tests. */
export function runCommand(ctx: Ctx, argv: string[]): unknown {
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
    default:
      throw usage(command ? `unknown command "${command}"` : 'no command given');
  }
}

/** The whole command: argv without node and the script, output to `out`; returns the exit code. */
export function main(argv: string[], out: { write(text: string): unknown } = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  let db: ReturnType<typeof openDatabase> | undefined;
  let exitCode = 0;
  try {
    const config = configFromEnv(env);
    db = openDatabase(env.WALLET_DB || DEFAULT_DB_PATH);
    const result = runCommand({ db, config, now: Date.now }, argv);
    out.write(`${JSON.stringify(result)}\n`);
    if (typeof result === 'object' && result !== null && 'ok' in result && result.ok === false) exitCode = 1;
  } catch (err) {
    const body =
      err instanceof IssuerError
        ? { error: err.code, message: err.message }
        : { error: 'failed', message: err instanceof Error ? err.message : String(err) };
    out.write(`${JSON.stringify(body)}\n`);
    exitCode = 1;
  } finally {
    db?.close();
  }
  return exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
