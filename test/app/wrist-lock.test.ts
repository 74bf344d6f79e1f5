// The wrist lock and PIN end to end (wrist-lock.ts). Fast lane: the code vanishing off the wrist on the
// smallest square watch (Bip 5 Unity, API 3.0), five wrong PINs on the smallest round one
// (Active Edge, API 3.5); wrist-lock.slow.test.ts runs every other journey on both.
import { wristLockSuite } from './wrist-lock';

wristLockSuite('Amazfit Bip 5 Unity', ['off-wrist']);
wristLockSuite('Amazfit Active Edge', ['five-wrong']);
