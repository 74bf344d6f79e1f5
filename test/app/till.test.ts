// Issue 10 at the till (till-journeys.ts), fast lane: the confirmation of a charge made by a register
// over HTTP, on the smallest square device (API 3.0). Every journey (declines, the link cut, new code,
// remembered format, history) on a round and a square device runs in till.slow.test.ts; the fast lane
// keeps to one journey for its 40 s budget.
import { tillSuite } from './till-journeys';

tillSuite('Amazfit Bip 5 Unity', ['confirm']);
