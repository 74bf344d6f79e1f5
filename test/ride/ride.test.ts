// Fast lane: the ride code properties (ride-props.ts) at a fifth of their runs; full strength in ride.slow.test.ts.
import { FULL_RUNS, rideSuite } from './ride-props';

rideSuite({ format: FULL_RUNS.format / 5, verify: FULL_RUNS.verify / 5, fuzz: FULL_RUNS.fuzz / 5 });
