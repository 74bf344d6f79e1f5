// Slow lane: the platform rules (platform-rules.ts) on all five preview devices.
import { platformRulesSuite, PREVIEW_DEVICES } from './platform-rules';

platformRulesSuite(PREVIEW_DEVICES);
