// What the operator does from the CLI: accounts, cards, binding codes,
// merchant and transit-operator keys. Each returns what the CLI prints.
import { IssuerError, notFound } from './errors';
import type { Ctx } from './context';
import type { Queries } from '../db/store';
import { ensureBook, issuerBook, post } from './ledger';
import { BINDING_CODE_LENGTH, BINDING_LOOKUP_LENGTH } from '../../lib/issuer-api/binding-code';
import { hashSecret, newCredential, newId, randomBase32 } from './ids';

const CURRENCY = /^[A-Z]{3}$/;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 64)
    throw new IssuerError(400, 'bad-request', 'name must be 1..64 characters');
  return trimmed;
}

function checkAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new IssuerError(400, 'bad-request', `${what} must be a non-negative integer in minor units`);
}

export async function createAccount(
  ctx: Ctx,
  input: { name: string; balance: number; currency: string },
): Promise<{ accountId: string }> {
  const name = checkName(input.name);
  checkAmount(input.balance, 'balance');
  if (!CURRENCY.test(input.currency))
    throw new IssuerError(400, 'bad-request', 'currency must be an ISO 4217 code like CNY');
  const { config } = ctx;
  const now = ctx.now();
  const accountId = newId('a');
  await ctx.db.tx(async (tx) => {
    await tx.run(
      'INSERT INTO accounts (id, name, currency, per_payment, daily, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      accountId,
      name,
      input.currency,
      config.defaultLimits.perPayment,
      config.defaultLimits.daily,
      now,
    );
    await ensureBook(tx, accountId, 'wallet', input.currency);
    await ensureBook(tx, issuerBook(input.currency), 'issuer', input.currency);
    if (input.balance > 0)
      await post(tx, `open:${accountId}`, 'opening', now, [
        { book: issuerBook(input.currency), amount: -input.balance },
        { book: accountId, amount: input.balance },
      ]);
  });
  return { accountId };
}

export async function accountCurrency(q: Queries, accountId: string): Promise<string> {
  const row = await q.get<{ currency: string }>('SELECT currency FROM accounts WHERE id = ?', accountId);
  if (!row) throw notFound('account');
  return row.currency;
}

export async function addCard(
  ctx: Ctx,
  input: { accountId: string; name: string; balance: number },
): Promise<{ cardId: string }> {
  const name = checkName(input.name);
  checkAmount(input.balance, 'balance');
  const now = ctx.now();
  const cardId = newId('c');
  await ctx.db.tx(async (tx) => {
    const currency = await accountCurrency(tx, input.accountId);
    await tx.run(
      'INSERT INTO cards (id, account_id, name, created_at) VALUES (?, ?, ?, ?)',
      cardId,
      input.accountId,
      name,
      now,
    );
    await ensureBook(tx, cardId, 'card', currency);
    await ensureBook(tx, issuerBook(currency), 'issuer', currency);
    if (input.balance > 0)
      await post(tx, `open:${cardId}`, 'opening', now, [
        { book: issuerBook(currency), amount: -input.balance },
        { book: cardId, amount: input.balance },
      ]);
  });
  return { cardId };
}

/** A binding code is BINDING_LOOKUP_LENGTH lookup characters then the secret rest (see bindDevice). */
export async function createBindingCode(ctx: Ctx, accountId: string): Promise<{ code: string; expiresAt: number }> {
  const { config } = ctx;
  const now = ctx.now();
  const expiresAt = now + config.bindingCodeTtlMs;
  const code = await ctx.db.tx(async (tx) => {
    await accountCurrency(tx, accountId); // 404 for an unknown account
    // Retire expired codes so their lookup part can be reused.
    await tx.run('UPDATE binding_codes SET live = 0 WHERE live = 1 AND expires_at <= ?', now);
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = randomBase32(BINDING_CODE_LENGTH);
      const lookup = candidate.slice(0, BINDING_LOOKUP_LENGTH);
      // The partial unique index over live lookups settles a race with another process: the insert is skipped.
      const inserted = await tx.run(
        `INSERT INTO binding_codes (lookup, secret_hash, account_id, expires_at, tries_left, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
        lookup,
        hashSecret(candidate.slice(BINDING_LOOKUP_LENGTH)),
        accountId,
        expiresAt,
        config.bindingCodeTries,
        now,
      );
      if (inserted === 1) return candidate;
    }
    throw new IssuerError(503, 'busy', 'too many live binding codes; try again in a few minutes');
  });
  return { code, expiresAt };
}

export async function createMerchant(
  ctx: Ctx,
  input: { name: string },
): Promise<{ merchantId: string; merchantKey: string }> {
  const name = checkName(input.name);
  const merchantId = newId('m');
  const merchantKey = newCredential('merchant');
  await ctx.db.run(
    'INSERT INTO merchants (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)',
    merchantId,
    name,
    hashSecret(merchantKey),
    ctx.now(),
  );
  return { merchantId, merchantKey };
}

export async function createOperator(
  ctx: Ctx,
  input: { name: string },
): Promise<{ operatorId: string; operatorKey: string }> {
  const name = checkName(input.name);
  const operatorId = newId('o');
  const operatorKey = newCredential('operator');
  await ctx.db.run(
    'INSERT INTO operators (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)',
    operatorId,
    name,
    hashSecret(operatorKey),
    ctx.now(),
  );
  return { operatorId, operatorKey };
}
