// Issue 10 at the till (till-journeys.ts), fast lane: confirmation, the link cut while waiting, a new
// code and the remembered format on the smallest square device (API 3.0); every journey on a round
// and a square device runs in till.slow.test.ts.
import { tillSuite } from './till-journeys';

tillSuite('Amazfit Bip 5 Unity', ['confirm', 'new-code', 'format']);
