// Slow lane: the fuzzed-bodies suite (fuzzed-bodies.ts) at full strength.
import { FULL_FUZZ_RUNS, fuzzedBodiesSuite } from './fuzzed-bodies';

fuzzedBodiesSuite(FULL_FUZZ_RUNS);
