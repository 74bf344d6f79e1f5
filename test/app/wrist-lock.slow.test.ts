// The wrist lock's journeys (wrist-lock.ts), each on the smallest round watch (Active Edge) and the
// smallest square one (Bip 5 Unity). Slow lane only: the fast lane must stay under 40 s.
import { wristLockSuite } from './wrist-lock';

wristLockSuite('Amazfit Bip 5 Unity', ['off-wrist', 'five-wrong', 'restart', 'not-sure', 'forgot']);
wristLockSuite('Amazfit Active Edge', ['off-wrist', 'five-wrong', 'restart', 'not-sure', 'forgot']);
