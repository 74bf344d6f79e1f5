// The till's words in English, Chinese and Russian. Decline reasons are instructions for the cashier.
import type { Language } from '../../../lib/format/money';

export const LANGUAGES: readonly Language[] = ['en-US', 'zh-CN', 'ru-RU'];

const en = {
  title: 'Till',
  signIn: 'Sign in',
  signOut: 'Sign out',
  merchantKey: 'Merchant key',
  wrongKey: 'Wrong or revoked merchant key.',
  tooManyTries: 'Too many tries: wait a minute.',
  sessionEnded: 'Session ended: sign in again.',
  amount: 'Amount',
  codeLabel: "Scan the customer's code, or type its 20 digits and press Enter",
  charge: 'Charge',
  camera: 'Camera',
  cameraStop: 'Stop camera',
  newSale: 'New sale',
  today: "Today's takings",
  recent: 'Last 20 charges',
  nCharges: '{n} charges',
  oneCharge: '1 charge',
  approved: 'APPROVED',
  declined: 'DECLINED',
  sending: 'Charging…',
  retrying: 'No answer yet: trying again with the same sale (it will not be charged twice)…',
  resuming: 'Finishing the sale that was in progress…',
  enterAmount: 'Type the amount first.',
  badCode: 'That is not a valid code: check the digits or scan again.',
  badDigit: 'A digit is wrong (check digit): type the code again or scan it.',
  waitAnswer: 'Wait for the answer to the sale in progress.',
  cameraFailed: 'The camera cannot be used here: scan or type the code.',
  refund: 'Refund',
  refunded: 'refunded {amount}',
  refundTitle: 'Refund',
  refundAmount: 'Amount to refund',
  refundOf: 'Charge of {amount} at {time}',
  refundConfirmAsk: 'Refund {amount}?',
  confirmRefund: 'Confirm refund',
  cancel: 'Cancel',
  refundDone: 'Refunded {amount}',
  refundBadAmount: 'Type an amount from 0.01 up to {max}.',
  refundFailed: 'The refund did not go through: {why}',
  networkError: 'no answer from the server; try again',
  'reason.unknown-code': 'Code not recognised: ask the customer to show the code again.',
  'reason.used': 'Code already used: ask for a new code.',
  'reason.expired': 'Code expired: ask the customer to open the wallet with the phone nearby.',
  'reason.revoked': 'This watch is no longer linked to a wallet: ask for another way to pay.',
  'reason.over-per-payment': "Over the customer's limit per payment: ask them to raise it or pay less.",
  'reason.over-daily': 'Over the daily limit: ask for another way to pay.',
  'reason.insufficient-funds': 'Not enough money in the wallet: ask for another way to pay.',
  'reason.currency-mismatch': 'The wallet is in another currency: ask for another way to pay.',
  'reason.too-many-failures': 'Too many wrong codes from this till: wait, then try again.',
};

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  title: '收银台',
  signIn: '登录',
  signOut: '退出',
  merchantKey: '商户密钥',
  wrongKey: '商户密钥错误或已吊销。',
  tooManyTries: '尝试次数过多：请稍等一分钟。',
  sessionEnded: '会话已结束：请重新登录。',
  amount: '金额',
  codeLabel: '扫描顾客的付款码，或输入 20 位数字后按回车',
  charge: '收款',
  camera: '摄像头',
  cameraStop: '关闭摄像头',
  newSale: '新交易',
  today: '今日收款',
  recent: '最近 20 笔',
  nCharges: '{n} 笔',
  oneCharge: '1 笔',
  approved: '支付成功',
  declined: '支付失败',
  sending: '正在收款…',
  retrying: '暂无应答：正在以同一笔交易重试（不会重复扣款）…',
  resuming: '正在完成未结束的交易…',
  enterAmount: '请先输入金额。',
  badCode: '付款码无效：请核对数字或重新扫描。',
  badDigit: '有数字错误（校验位）：请重新输入或扫描。',
  waitAnswer: '请等待当前交易的结果。',
  cameraFailed: '无法使用摄像头：请扫描或输入付款码。',
  refund: '退款',
  refunded: '已退 {amount}',
  refundTitle: '退款',
  refundAmount: '退款金额',
  refundOf: '{time} 的 {amount} 收款',
  refundConfirmAsk: '确认退款 {amount}？',
  confirmRefund: '确认退款',
  cancel: '取消',
  refundDone: '已退款 {amount}',
  refundBadAmount: '请输入 0.01 至 {max} 之间的金额。',
  refundFailed: '退款未成功：{why}',
  networkError: '服务器无应答，请重试',
  'reason.unknown-code': '无法识别付款码：请顾客重新出示。',
  'reason.used': '付款码已使用：请顾客出示新的付款码。',
  'reason.expired': '付款码已过期：请顾客在手机附近打开钱包。',
  'reason.revoked': '该手表已解除绑定：请顾客换一种支付方式。',
  'reason.over-per-payment': '超过单笔限额：请顾客调高限额或减少金额。',
  'reason.over-daily': '超过每日限额：请顾客换一种支付方式。',
  'reason.insufficient-funds': '钱包余额不足：请顾客换一种支付方式。',
  'reason.currency-mismatch': '钱包币种不同：请顾客换一种支付方式。',
  'reason.too-many-failures': '本收银台错误付款码过多：请稍后再试。',
};

const ru: Record<Key, string> = {
  title: 'Касса',
  signIn: 'Войти',
  signOut: 'Выйти',
  merchantKey: 'Ключ продавца',
  wrongKey: 'Неверный или отозванный ключ продавца.',
  tooManyTries: 'Слишком много попыток: подождите минуту.',
  sessionEnded: 'Сеанс завершён: войдите снова.',
  amount: 'Сумма',
  codeLabel: 'Отсканируйте код покупателя или введите 20 цифр и нажмите Enter',
  charge: 'Оплатить',
  camera: 'Камера',
  cameraStop: 'Выключить камеру',
  newSale: 'Новая продажа',
  today: 'Выручка за сегодня',
  recent: 'Последние 20 платежей',
  nCharges: 'платежей: {n}',
  oneCharge: 'платежей: 1',
  approved: 'ОДОБРЕНО',
  declined: 'ОТКЛОНЕНО',
  sending: 'Проводим оплату…',
  retrying: 'Ответа пока нет: повторяем ту же продажу (дважды не спишется)…',
  resuming: 'Завершаем начатую продажу…',
  enterAmount: 'Сначала введите сумму.',
  badCode: 'Это не код оплаты: проверьте цифры или отсканируйте снова.',
  badDigit: 'Ошибка в цифрах (контрольная цифра): введите код снова или отсканируйте.',
  waitAnswer: 'Дождитесь ответа по текущей продаже.',
  cameraFailed: 'Камера недоступна: отсканируйте или введите код.',
  refund: 'Возврат',
  refunded: 'возвращено {amount}',
  refundTitle: 'Возврат',
  refundAmount: 'Сумма возврата',
  refundOf: 'Платёж {amount} в {time}',
  refundConfirmAsk: 'Вернуть {amount}?',
  confirmRefund: 'Подтвердить возврат',
  cancel: 'Отмена',
  refundDone: 'Возвращено {amount}',
  refundBadAmount: 'Введите сумму от 0,01 до {max}.',
  refundFailed: 'Возврат не прошёл: {why}',
  networkError: 'сервер не ответил; попробуйте снова',
  'reason.unknown-code': 'Код не распознан: попросите показать код ещё раз.',
  'reason.used': 'Код уже использован: попросите новый код.',
  'reason.expired': 'Срок кода истёк: попросите открыть кошелёк рядом с телефоном.',
  'reason.revoked': 'Эти часы отвязаны от кошелька: попросите другой способ оплаты.',
  'reason.over-per-payment': 'Больше лимита на один платёж: попросите поднять лимит или уменьшить сумму.',
  'reason.over-daily': 'Превышен дневной лимит: попросите другой способ оплаты.',
  'reason.insufficient-funds': 'Недостаточно денег в кошельке: попросите другой способ оплаты.',
  'reason.currency-mismatch': 'Кошелёк в другой валюте: попросите другой способ оплаты.',
  'reason.too-many-failures': 'Слишком много неверных кодов с этой кассы: подождите и повторите.',
};

const TABLES: Record<Language, Record<Key, string>> = { 'en-US': en, 'zh-CN': zh, 'ru-RU': ru };

export function translate(language: Language, key: Key, vars: Record<string, string | number> = {}): string {
  const text = TABLES[language][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? `{${name}}`));
}

export function isKey(k: string): k is Key {
  return k in en;
}

/** The browser's language if the till speaks it, else English. */
export function preferredLanguage(saved: string | null, browser: readonly string[]): Language {
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  for (const l of browser) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'zh') return 'zh-CN';
    if (base === 'ru') return 'ru-RU';
    if (base === 'en') return 'en-US';
  }
  return 'en-US';
}
