// Fast lane: the ride code properties (ride-props.ts) at a twentieth of their runs; full strength in ride.slow.test.ts.
import { FULL_RUNS, rideSuite } from './ride-props';

rideSuite({ format: FULL_RUNS.format / 20, verify: FULL_RUNS.verify / 20, fuzz: FULL_RUNS.fuzz / 20 });
