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
import {
  listAccounts,
  listDevices,
  listParties,
  type PartyKind,
  revokeDevice,
  revokeParty,
  rotatePartyKey,
  showAccount,
  showParty,
} from './domain/parties';
import { DEFAULT_DB_PATH } from './db/open';
import { openStore, type Store } from './db/store';
import { exportWallet, importWallet } from './db/transfer';

/** Which store a command works on. */
const DATABASE = `database: $DATABASE_URL (postgres://...) if set, else the SQLite file $WALLET_DB (default ${DEFAULT_DB_PATH})`;

/** One line per command: what `--help` prints. */
const COMMANDS: Record<string, string> = {
  'account create': 'account create --name N --balance MINOR --currency CNY   -> {accountId}',
  'account list':
    'account list                                             -> {accounts: [{id, name, currency, balance, devices}]}',
  'account show':
    'account show --account ID                                -> {id, name, currency, balance, limits, cards, devices}',
  'card add': 'card add --account ID --name N --balance MINOR           -> {cardId}',
  'binding-code': 'binding-code --account ID                                -> {code, expiresAt}',
  'device list':
    'device list [--account ID]                               -> {devices: [{id, accountId, name, unboundAt, liveLeases}]}',
  'device revoke':
    'device revoke --device ID                                -> {id, unboundAt}   credential and leases stop at once',
  'merchant create':
    'merchant create --name N                                 -> {merchantId, merchantKey}   key shown once',
  'merchant list':
    'merchant list                                            -> {merchants: [{id, name, revokedAt, balances}]}',
  'merchant show':
    'merchant show --merchant ID                              -> {id, name, createdAt, revokedAt, balances}',
  'merchant revoke':
    'merchant revoke --merchant ID                            -> {id, revokedAt}   key and till sessions stop at once',
  'merchant rotate-key':
    'merchant rotate-key --merchant ID                        -> {merchantId, merchantKey}   old key and till sessions stop',
  'operator create':
    'operator create --name N                                 -> {operatorId, operatorKey}   key shown once',
  'operator list': 'operator list                                            -> {operators: [...]}',
  'operator show':
    'operator show --operator ID                              -> {id, name, createdAt, revokedAt, balances}',
  'operator revoke': 'operator revoke --operator ID                            -> {id, revokedAt}',
  'operator rotate-key':
    'operator rotate-key --operator ID                        -> {operatorId, operatorKey}   old key stops at once',
  reconcile: 'reconcile                                                -> {ok, books, entries, problems}',
  export:
    'export                                                   -> the whole wallet as one JSON document (> wallet.json)',
  import:
    'import                                                   -> reads an export on stdin into an empty database (< wallet.json)',
};

export const USAGE = `usage: npm run issuer -- <command> [options]    (any command with --help: its usage)
${Object.values(COMMANDS)
  .map((line) => `  ${line}`)
  .join('\n')}
${DATABASE}`;

/** What --help prints: the command's own line if argv names one, else every command. */
export function helpText(positionals: string[]): string {
  const line = COMMANDS[positionals.join(' ')];
  return line ? `usage: npm run issuer -- ${line}\n${DATABASE}` : USAGE;
}

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
      merchant: { type: 'string' },
      operator: { type: 'string' },
      device: { type: 'string' },
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
      return addCard(ctx, {
        accountId: required(values, 'account'),
        name: required(values, 'name'),
        balance: minorUnits(values.balance, 'balance'),
      });
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
    case 'account list':
      return listAccounts(ctx);
    case 'account show':
      return showAccount(ctx, required(values, 'account'));
    case 'device list':
      return listDevices(ctx, values.account);
    case 'device revoke':
      return revokeDevice(ctx, required(values, 'device'));
    case 'merchant list':
    case 'operator list':
      return listParties(ctx, positionals[0] as PartyKind);
    case 'merchant show':
    case 'operator show': {
      const kind = positionals[0] as PartyKind;
      return showParty(ctx, kind, required(values, kind));
    }
    case 'merchant revoke':
    case 'operator revoke': {
      const kind = positionals[0] as PartyKind;
      return revokeParty(ctx, kind, required(values, kind));
    }
    case 'merchant rotate-key':
    case 'operator rotate-key': {
      const kind = positionals[0] as PartyKind;
      const { id, key } = await rotatePartyKey(ctx, kind, required(values, kind));
      return kind === 'merchant' ? { merchantId: id, merchantKey: key } : { operatorId: id, operatorKey: key };
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

/**
 * The whole command: argv without node and the script, output to `out`, the store from `env`
 * (DATABASE_URL or WALLET_DB); `stdin` is read by import only. Resolves with the exit code.
 */
export async function main(
  argv: string[],
  out: { write(text: string): unknown } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
  stdin: () => Promise<string> = readStdin,
): Promise<number> {
  let db: Store | undefined;
  let exitCode = 0;
  if (argv.includes('--help') || argv.includes('-h')) {
    // Help is for a person: plain text, exit 0, no database opened.
    out.write(`${helpText(argv.filter((a) => !a.startsWith('-')))}\n`);
    return 0;
  }
  try {
    const config = configFromEnv(env);
    db = await openStore(env, { poolSize: 2 });
    const result = await runCommand({ db, config, now: Date.now }, argv, stdin);
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
    await db?.close();
  }
  return exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
