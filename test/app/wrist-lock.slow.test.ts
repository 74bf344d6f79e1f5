// The wrist lock's other journeys on the smallest round watch (the fast lane runs them on a square one).
import { wristLockSuite } from './wrist-lock';

wristLockSuite('Amazfit Active Edge', ['five-wrong', 'restart', 'not-sure', 'forgot']);
