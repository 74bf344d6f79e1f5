// The wrist lock's journeys the fast lane (wrist-lock.test.ts) leaves out, so that each runs on the
// smallest round watch (Active Edge) and the smallest square one (Bip 5 Unity).
import { wristLockSuite } from './wrist-lock';

wristLockSuite('Amazfit Bip 5 Unity', ['five-wrong', 'restart', 'not-sure', 'forgot']);
wristLockSuite('Amazfit Active Edge', ['off-wrist', 'restart', 'not-sure', 'forgot']);
