// The shortcut card (shortcut-card.ts) on every preview device.
import { PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { shortcutCardSuite } from './shortcut-card';

shortcutCardSuite(PREVIEW_DEVICES);
