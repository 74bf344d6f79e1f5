// Slow lane: the ride code properties (ride-props.ts) at full strength.
import { FULL_RUNS, rideSuite } from './ride-props';

rideSuite(FULL_RUNS);
