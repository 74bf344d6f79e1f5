// Slow lane: the list pages (list-scroll.ts) on all five preview devices.
import { PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { listScrollSuite } from './list-scroll';

listScrollSuite(PREVIEW_DEVICES);
