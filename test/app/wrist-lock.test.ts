// The wrist lock and PIN end to end (wrist-lock.ts). Fast lane: every journey on the smallest square
// watch (Bip 5 Unity, API 3.0) and the one that matters most, the code vanishing off the wrist, on the
// smallest round one (Active Edge); wrist-lock.slow.test.ts runs the rest on the round one.
import { LOCK_JOURNEYS, wristLockSuite } from './wrist-lock';

wristLockSuite('Amazfit Bip 5 Unity', LOCK_JOURNEYS);
wristLockSuite('Amazfit Active Edge', ['off-wrist']);
