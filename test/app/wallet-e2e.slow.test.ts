// Slow lane: the wallet journeys the fast lane (wallet-e2e.test.ts) runs on Bip 5 Unity only, here on
// Balance (API 3.7); the three clock skews it leaves out.
import { clockSkewSuite, FAST_SKEWS, JOURNEYS, SKEWS, walletSuite } from './wallet-e2e';

walletSuite(
  'Amazfit Balance',
  3.7,
  JOURNEYS.filter((j) => j !== 'bind-pay'),
);
clockSkewSuite(SKEWS.filter(([name]) => !FAST_SKEWS.includes(name)));
