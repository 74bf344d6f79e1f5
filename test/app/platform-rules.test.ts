// Fast lane: the platform rules (platform-rules.ts) on the smallest round and the smallest square
// preview screen. All five preview devices: platform-rules.slow.test.ts.
import { SMALLEST_PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { platformRulesSuite } from './platform-rules';

platformRulesSuite(SMALLEST_PREVIEW_DEVICES);
