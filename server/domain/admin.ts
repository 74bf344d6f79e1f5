// What the operator does from the CLI: accounts, cards, binding codes,
// merchant and transit-operator keys. Each returns what the CLI prints.
import { IssuerError, notFound } from './errors';
import { type Ctx, sql } from './context';
import { ensureBook, issuerBook, post } from './ledger';
import { BINDING_CODE_LENGTH, BINDING_LOOKUP_LENGTH } from '../../lib/issuer-api/binding-code';
import { hashSecret, newCredential, newId, randomBase32 } from './ids';

const CURRENCY = /^[A-Z]{3}$/;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 64) throw new IssuerError(400, 'bad-request', 'name must be 1..64 characters');
  return trimmed;
}

function checkAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new IssuerError(400, 'bad-request', `${what} must be a non-negative integer in minor units`);
}

export function createAccount(ctx: Ctx, input: { name: string; balance: number; currency: string }): { accountId: string } {
  const name = checkName(input.name);
  checkAmount(input.balance, 'balance');
  if (!CURRENCY.test(input.currency)) throw new IssuerError(400, 'bad-request', 'currency must be an ISO 4217 code like CNY');
  const { db, config } = ctx;
  const now = ctx.now();
  const accountId = newId('a');
  db.transaction(() => {
    sql(db, 'INSERT INTO accounts (id, name, currency, per_payment, daily, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      accountId, name, input.currency, config.defaultLimits.perPayment, config.defaultLimits.daily, now,
    );
    ensureBook(db, accountId, 'wallet', input.currency);
    ensureBook(db, issuerBook(input.currency), 'issuer', input.currency);
    if (input.balance > 0)
      post(db, `open:${accountId}`, 'opening', now, [
        { book: issuerBook(input.currency), amount: -input.balance },
        { book: accountId, amount: input.balance },
      ]);
  }).immediate();
  return { accountId };
}

export function accountCurrency(ctx: Ctx, accountId: string): string {
  const row = sql(ctx.db, 'SELECT currency FROM accounts WHERE id = ?').get(accountId) as { currency: string } | undefined;
  if (!row) throw notFound('account');
  return row.currency;
}

export function addCard(ctx: Ctx, input: { accountId: string; name: string; balance: number }): { cardId: string } {
  const name = checkName(input.name);
  checkAmount(input.balance, 'balance');
  const { db } = ctx;
  const now = ctx.now();
  const cardId = newId('c');
  db.transaction(() => {
    const currency = accountCurrency(ctx, input.accountId);
    sql(db, 'INSERT INTO cards (id, account_id, name, created_at) VALUES (?, ?, ?, ?)').run(cardId, input.accountId, name, now);
    ensureBook(db, cardId, 'card', currency);
    ensureBook(db, issuerBook(currency), 'issuer', currency);
    if (input.balance > 0)
      post(db, `open:${cardId}`, 'opening', now, [
        { book: issuerBook(currency), amount: -input.balance },
        { book: cardId, amount: input.balance },
      ]);
  }).immediate();
  return { cardId };
}

/** A binding code is BINDING_LOOKUP_LENGTH lookup characters then the secret rest (see bindDevice). */
export function createBindingCode(ctx: Ctx, accountId: string): { code: string; expiresAt: number } {
  const { db, config } = ctx;
  const now = ctx.now();
  const expiresAt = now + config.bindingCodeTtlMs;
  const code = db.transaction(() => {
    accountCurrency(ctx, accountId); // 404 for an unknown account
    // Retire expired codes so their lookup part can be reused.
    sql(db, 'UPDATE binding_codes SET live = 0 WHERE live = 1 AND expires_at <= ?').run(now);
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = randomBase32(BINDING_CODE_LENGTH);
      const lookup = candidate.slice(0, BINDING_LOOKUP_LENGTH);
      const taken = sql(db, 'SELECT 1 FROM binding_codes WHERE live = 1 AND lookup = ?').get(lookup);
      if (taken) continue;
      sql(
        db,
        'INSERT INTO binding_codes (lookup, secret_hash, account_id, expires_at, tries_left, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(lookup, hashSecret(candidate.slice(BINDING_LOOKUP_LENGTH)), accountId, expiresAt, config.bindingCodeTries, now);
      return candidate;
    }
    throw new IssuerError(503, 'busy', 'too many live binding codes; try again in a few minutes');
  }).immediate();
  return { code, expiresAt };
}

export function createMerchant(ctx: Ctx, input: { name: string }): { merchantId: string; merchantKey: string } {
  const name = checkName(input.name);
  const merchantId = newId('m');
  const merchantKey = newCredential('merchant');
  sql(ctx.db, 'INSERT INTO merchants (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)').run(
    merchantId, name, hashSecret(merchantKey), ctx.now(),
  );
  return { merchantId, merchantKey };
}

export function createOperator(ctx: Ctx, input: { name: string }): { operatorId: string; operatorKey: string } {
  const name = checkName(input.name);
  const operatorId = newId('o');
  const operatorKey = newCredential('operator');
  sql(ctx.db, 'INSERT INTO operators (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)').run(
    operatorId, name, hashSecret(operatorKey), ctx.now(),
  );
  return { operatorId, operatorKey };
}
