// Fast lane: the platform rules (platform-rules.ts) on the smallest round and the smallest square
// preview screen. All five preview devices: platform-rules.slow.test.ts.
import { platformRulesSuite, SMALLEST } from './platform-rules';

platformRulesSuite(SMALLEST);
