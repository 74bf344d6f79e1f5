// Fast lane: the parse/schema agreement properties (agreement.ts) at a third of their runs; full
// strength in agreement.slow.test.ts.
import { agreementSuite, FULL_RUNS } from './agreement';

agreementSuite({ valid: FULL_RUNS.valid / 3, broken: FULL_RUNS.broken / 3 });
