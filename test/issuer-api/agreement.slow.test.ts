// Slow lane: the parse/schema agreement properties (agreement.ts) at full strength.
import { agreementSuite, FULL_RUNS } from './agreement';

agreementSuite(FULL_RUNS);
