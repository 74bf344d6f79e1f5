// Slow lane: the platform rules (platform-rules.ts) on all five preview devices.
import { PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { platformRulesSuite } from './platform-rules';

platformRulesSuite(PREVIEW_DEVICES);
