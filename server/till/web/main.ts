// The till page: sign in with the merchant key (exchanged for an HttpOnly session cookie), then
// for each sale: amount on the keypad, the code from a keyboard-wedge scanner, the camera or the
// keyboard, and a big APPROVED / DECLINED with a beep. Each sale attempt has one idempotency key,
// kept in sessionStorage with the sale until its answer arrives, so a double Enter, a reload or a
// retry after a timeout never charges twice (server/README.md, "Exactly once from the till").
import { currencyExponent, formatMoney, type Language } from '../../../lib/format/money';
import { luhnValid } from '../../../lib/payment/luhn';
import type { ChargeResponse, TillCharge, TillChargesResponse, TillSession } from '../../../lib/issuer-api/types';
import { startScanner, type Scanner } from './camera';
import { isKey, type Key, LANGUAGES, preferredLanguage, translate } from './i18n';

const PENDING = 'till.pending';
const REQUEST_TIMEOUT_MS = 8000;
const MAX_AMOUNT_DIGITS = 9;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`till: no #${id}`);
  return el as T;
};

interface PendingSale {
  key: string;
  code: string;
  amount: number;
}

const state = {
  language: preferredLanguage(localStorage.getItem('till.lang'), navigator.languages ?? [navigator.language]),
  session: null as TillSession | null,
  amountDigits: '',
  /** The sale being sent; mirrors sessionStorage[PENDING]. */
  pending: null as PendingSale | null,
  scanner: null as Scanner | null,
  charges: [] as TillCharge[],
  today: null as TillChargesResponse['today'] | null,
  refund: null as { charge: TillCharge; key: string } | null,
};

const t = (key: Key, vars?: Record<string, string | number>): string => translate(state.language, key, vars);
const money = (minor: number): string => formatMoney(minor, state.session?.currency ?? 'CNY', state.language);

// --- requests ------------------------------------------------------------------

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.session) headers['x-csrf-token'] = state.session.csrfToken;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    const res = await fetch(`/till/api/${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: abort.signal,
    });
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new HttpError(res.status, data.error ?? 'error');
    return data as T;
  } finally {
    clearTimeout(timer);
  }
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

// --- sound ---------------------------------------------------------------------

let audio: AudioContext | undefined;
function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = undefined;
  }
}
function beep(ok: boolean): void {
  if (!audio) return;
  const tones = ok
    ? [[880, 0, 0.18]]
    : [
        [330, 0, 0.2],
        [220, 0.26, 0.35],
      ];
  for (const [freq, start, end] of tones) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq!;
    osc.type = ok ? 'sine' : 'square';
    gain.gain.value = 0.2;
    osc.connect(gain).connect(audio.destination);
    osc.start(audio.currentTime + start!);
    osc.stop(audio.currentTime + end!);
  }
}

// --- rendering -------------------------------------------------------------------

function applyLanguage(): void {
  document.documentElement.lang = state.language.slice(0, 2);
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const key = el.dataset.t ?? '';
    if (isKey(key)) el.textContent = t(key);
  }
  ($('lang') as HTMLSelectElement).value = state.language;
  document.title = state.session ? `${t('title')}: ${state.session.merchantName}` : t('title');
  renderAmount();
  renderCharges(null);
}

function renderAmount(): void {
  $('amount').textContent = money(amountMinor());
}

function amountMinor(): number {
  return state.amountDigits === '' ? 0 : Number(state.amountDigits);
}

function showResult(kind: 'approved' | 'declined' | 'info', title: string, detail: string): void {
  const box = $('result');
  box.hidden = false;
  box.className = `result ${kind === 'info' ? '' : kind}`;
  $('result-title').textContent = title;
  $('result-detail').textContent = detail;
  box.dataset.kind = kind;
}

function reasonText(reason: string): string {
  const key = `reason.${reason}`;
  return isKey(key) ? t(key) : reason;
}

function renderCharges(data: TillChargesResponse | null): void {
  if (data) {
    state.charges = data.charges;
    state.today = data.today;
  }
  if (state.today) {
    const n = state.today.count;
    $('takings').textContent = `${money(state.today.amount)} · ${t(n === 1 ? 'oneCharge' : 'nCharges', { n })}`;
  }
  const list = $('charges');
  list.replaceChildren();
  for (const c of state.charges) {
    const li = document.createElement('li');
    li.className = c.status;
    li.dataset.chargeId = c.chargeId;
    const when = document.createElement('span');
    when.className = 'when';
    when.textContent = new Date(c.at).toLocaleTimeString(state.language, { hour: '2-digit', minute: '2-digit' });
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent =
      c.status === 'approved'
        ? t('approved')
        : `${t('declined')}: ${reasonText(c.reason ?? 'unknown-code').split(/[:：]/)[0]}`;
    const sum = document.createElement('span');
    sum.className = 'sum';
    sum.textContent = money(c.amount);
    li.append(when, what, sum);
    if (c.refunded > 0) {
      const note = document.createElement('span');
      note.className = 'note';
      note.textContent = t('refunded', { amount: money(c.refunded) });
      li.append(note);
    }
    if (c.status === 'approved' && c.refunded < c.amount) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'refund';
      b.textContent = t('refund');
      b.addEventListener('click', () => openRefund(c));
      li.append(b);
    }
    list.append(li);
  }
}

async function refreshCharges(): Promise<void> {
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  try {
    renderCharges(await api<TillChargesResponse>('GET', `charges?since=${midnight.getTime()}`));
  } catch (e) {
    if (e instanceof HttpError && e.status === 401) signedOut(t('sessionEnded'));
  }
}

// --- session ------------------------------------------------------------------------

function signedIn(session: TillSession): void {
  state.session = session;
  $('signin').hidden = true;
  $('till').hidden = false;
  $('signout').hidden = false;
  $('merchant').textContent = session.merchantName;
  applyLanguage();
  focusCode();
  void refreshCharges();
  if (state.pending) void send(state.pending, true);
}

function signedOut(message = ''): void {
  state.session = null;
  state.scanner?.stop();
  state.scanner = null;
  $('till').hidden = true;
  $('signout').hidden = true;
  $('merchant').textContent = '';
  $('signin').hidden = false;
  $('signin-error').textContent = message;
  applyLanguage();
  $<HTMLInputElement>('key').focus();
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  unlockAudio();
  const input = $<HTMLInputElement>('key');
  const merchantKey = input.value.trim();
  input.value = ''; // the key is not kept anywhere on the page
  if (!merchantKey) return;
  try {
    signedIn(await api<TillSession>('POST', 'session', { merchantKey }));
  } catch (e) {
    $('signin-error').textContent =
      e instanceof HttpError ? (e.status === 429 ? t('tooManyTries') : t('wrongKey')) : t('networkError');
  }
}

async function signOut(): Promise<void> {
  try {
    await api('DELETE', 'session');
  } catch {
    // signed out on this page whatever the server said
  }
  signedOut();
}

// --- a sale ---------------------------------------------------------------------------

function loadPending(): PendingSale | null {
  try {
    const raw = sessionStorage.getItem(PENDING);
    if (!raw) return null;
    const p = JSON.parse(raw) as PendingSale;
    return typeof p.key === 'string' && typeof p.code === 'string' && Number.isSafeInteger(p.amount) ? p : null;
  } catch {
    return null;
  }
}

function setPending(p: PendingSale | null): void {
  state.pending = p;
  if (p) sessionStorage.setItem(PENDING, JSON.stringify(p));
  else sessionStorage.removeItem(PENDING);
  document.body.dataset.busy = p ? 'yes' : 'no';
  for (const id of ['charge', 'camera', 'clear']) $<HTMLButtonElement>(id).disabled = p !== null;
}

/** What the cashier typed or scanned: the numeric code checked here (length, Luhn), an EMV payload as it is. */
function checkCode(raw: string): { code: string } | { error: Key } {
  const text = raw.trim();
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits)) {
    if (digits.length !== 20 && digits.length !== 18) return { error: 'badCode' };
    return luhnValid(digits) ? { code: digits } : { error: 'badDigit' };
  }
  // EMV CPM (EMVCo consumer-presented QR): base64 text starting with the payload format indicator.
  if (/^hQVDUFY[A-Za-z0-9+/=]+$/.test(text) && text.length <= 512) return { code: text };
  return { error: 'badCode' };
}

function submit(raw: string): void {
  unlockAudio();
  // A second Enter, click or scan while the sale is in flight: the same sale, not a new one. After
  // the answer the field is empty, so a late second Enter does nothing and leaves the answer shown.
  if (state.pending || raw.trim() === '') return;
  const checked = checkCode(raw);
  if ('error' in checked) {
    showResult('info', '', t(checked.error));
    return;
  }
  const amount = amountMinor();
  if (amount <= 0) {
    showResult('info', '', t('enterAmount'));
    return;
  }
  const sale: PendingSale = { key: newKey(), code: checked.code, amount };
  setPending(sale);
  void send(sale, false);
}

let sending = false;
/** Sends the sale until an answer arrives; every try carries the sale's one idempotency key. */
async function send(sale: PendingSale, resumed: boolean): Promise<void> {
  if (sending) return;
  sending = true;
  showResult('info', money(sale.amount), t(resumed ? 'resuming' : 'sending'));
  let delay = 500;
  try {
    for (;;) {
      try {
        const answer = await api<ChargeResponse>('POST', 'charges', {
          code: sale.code,
          amount: sale.amount,
          idempotencyKey: sale.key,
        });
        finish(sale, answer);
        return;
      } catch (e) {
        if (e instanceof HttpError) {
          if (e.status === 401 || e.status === 403) {
            // The sale stays pending (sessionStorage): it is finished after the next sign-in.
            signedOut(t('sessionEnded'));
            return;
          }
          if (e.status === 400) {
            setPending(null);
            showResult('info', '', t('badCode'));
            return;
          }
          if (e.status === 429 && e.code === 'too-many-failures') {
            setPending(null);
            showResult('declined', t('declined'), reasonText('too-many-failures'));
            beep(false);
            return;
          }
        }
        // No answer (timeout, network drop, 5xx, 429): the same sale again, same key.
        showResult('info', money(sale.amount), t('retrying'));
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
        if (!state.session) return;
      }
    }
  } finally {
    sending = false;
  }
}

function finish(sale: PendingSale, answer: ChargeResponse): void {
  setPending(null);
  $<HTMLInputElement>('code').value = '';
  if (answer.status === 'approved') {
    showResult('approved', t('approved'), money(answer.amount));
    state.amountDigits = '';
    renderAmount();
    beep(true);
  } else {
    showResult('declined', t('declined'), `${money(sale.amount)} · ${reasonText(answer.reason)}`);
    beep(false);
  }
  focusCode();
  void refreshCharges();
}

// --- refunds --------------------------------------------------------------------------

function parseMoney(text: string, currency: string): number | undefined {
  const exp = currencyExponent(currency);
  const m = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.trim().replace(/\s/g, ''));
  if (!m || (m[2] ?? '').length > exp) return undefined;
  return Number(m[1]) * 10 ** exp + Number((m[2] ?? '').padEnd(exp, '0') || '0');
}

function majorText(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const s = String(minor).padStart(exp + 1, '0');
  return exp === 0 ? s : `${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

function openRefund(charge: TillCharge): void {
  const left = charge.amount - charge.refunded;
  state.refund = { charge, key: newKey() };
  $('refund-charge').textContent = t('refundOf', {
    amount: money(charge.amount),
    time: new Date(charge.at).toLocaleTimeString(state.language, { hour: '2-digit', minute: '2-digit' }),
  });
  $<HTMLInputElement>('refund-amount').value = majorText(left, charge.currency);
  $('refund-error').textContent = '';
  $<HTMLButtonElement>('refund-confirm').disabled = false;
  $<HTMLDialogElement>('refund-dialog').showModal();
}

async function confirmRefund(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const r = state.refund;
  if (!r) return;
  const left = r.charge.amount - r.charge.refunded;
  const amount = parseMoney($<HTMLInputElement>('refund-amount').value, r.charge.currency);
  if (amount === undefined || amount <= 0 || amount > left) {
    $('refund-error').textContent = t('refundBadAmount', { max: money(left) });
    return;
  }
  const button = $<HTMLButtonElement>('refund-confirm');
  button.disabled = true;
  try {
    // The key was made when the dialog opened: a retry after no answer is the same refund.
    await api('POST', 'refunds', { chargeId: r.charge.chargeId, amount, idempotencyKey: r.key });
    state.refund = null;
    $<HTMLDialogElement>('refund-dialog').close();
    showResult('info', t('refundDone', { amount: money(amount) }), '');
    void refreshCharges();
  } catch (e) {
    $('refund-error').textContent = t('refundFailed', { why: e instanceof HttpError ? e.code : t('networkError') });
    button.disabled = false;
  } finally {
    focusCode();
  }
}

// --- focus and input ----------------------------------------------------------------------

function focusCode(): void {
  if (!state.session || $<HTMLDialogElement>('refund-dialog').open) return;
  const code = $<HTMLInputElement>('code');
  if (document.activeElement !== code) code.focus({ preventScroll: true });
}

function keypad(key: string): void {
  unlockAudio();
  if (state.pending) return;
  if (key === 'back') state.amountDigits = state.amountDigits.slice(0, -1);
  else if ((state.amountDigits + key).replace(/^0+/, '').length <= MAX_AMOUNT_DIGITS)
    state.amountDigits = (state.amountDigits + key).replace(/^0+/, '');
  renderAmount();
}

async function toggleCamera(): Promise<void> {
  unlockAudio();
  const button = $('camera');
  if (state.scanner) {
    state.scanner.stop();
    state.scanner = null;
    button.textContent = t('camera');
    return;
  }
  try {
    state.scanner = await startScanner($<HTMLVideoElement>('video'), (text) => {
      state.scanner = null;
      button.textContent = t('camera');
      $<HTMLInputElement>('code').value = text;
      submit(text);
    });
    button.textContent = t('cameraStop');
  } catch {
    showResult('info', '', t('cameraFailed'));
  }
}

function wire(): void {
  $<HTMLFormElement>('signin-form').addEventListener('submit', (e) => void signIn(e));
  $('signout').addEventListener('click', () => void signOut());
  $<HTMLSelectElement>('lang').addEventListener('change', (e) => {
    const value = (e.target as HTMLSelectElement).value;
    if ((LANGUAGES as readonly string[]).includes(value)) state.language = value as Language;
    localStorage.setItem('till.lang', state.language);
    applyLanguage();
    focusCode();
  });
  const pad = $('keypad');
  // mousedown: keep the focus in the code field (a scanner types there at any moment).
  pad.addEventListener('mousedown', (e) => e.preventDefault());
  pad.addEventListener('click', (e) => {
    const key = (e.target as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key;
    if (key) keypad(key);
  });
  for (const id of ['charge', 'camera', 'clear']) $(id).addEventListener('mousedown', (e) => e.preventDefault());
  const code = $<HTMLInputElement>('code');
  code.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit(code.value);
    }
  });
  $('charge').addEventListener('click', () => submit(code.value));
  $('camera').addEventListener('click', () => void toggleCamera());
  $('clear').addEventListener('click', () => {
    if (state.pending) return;
    state.amountDigits = '';
    code.value = '';
    $('result').hidden = true;
    delete $('result').dataset.kind;
    renderAmount();
    focusCode();
  });
  // Keep the focus in the code field: a click elsewhere, or focus leaving the page and coming back.
  code.addEventListener('blur', () =>
    setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body) focusCode();
    }, 0),
  );
  document.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    if (!target.closest('input, select, dialog, button.refund')) focusCode();
  });
  window.addEventListener('focus', focusCode);
  $<HTMLFormElement>('refund-form').addEventListener('submit', (e) => void confirmRefund(e));
  $('refund-cancel').addEventListener('click', () => {
    state.refund = null;
    $<HTMLDialogElement>('refund-dialog').close();
    focusCode();
  });
}

/** The server ends a session after idleMs without a request; the page shows the sign-in then, not at the next sale. */
let lastActivity = Date.now();
function watchIdle(): void {
  for (const type of ['keydown', 'pointerdown'])
    document.addEventListener(type, () => (lastActivity = Date.now()), { capture: true });
  setInterval(() => {
    const s = state.session;
    if (!s || state.pending || Date.now() - lastActivity < s.idleMs) return;
    api<TillSession>('GET', 'session').then(
      () => (lastActivity = Date.now()),
      (e: unknown) => e instanceof HttpError && e.status === 401 && signedOut(t('sessionEnded')),
    );
  }, 30_000);
}

async function start(): Promise<void> {
  wire();
  watchIdle();
  setPending(loadPending());
  applyLanguage();
  try {
    signedIn(await api<TillSession>('GET', 'session'));
  } catch {
    signedOut();
  }
  document.body.dataset.ready = 'yes';
}

void start();
