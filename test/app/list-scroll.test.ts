// Fast lane: the list pages (list-scroll.ts) on the smallest round (Active Edge, 360x360) and the
// smallest square (Bip 5 Unity, 320x380) preview screen. All five: list-scroll.slow.test.ts.
import { SMALLEST_PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { listScrollSuite } from './list-scroll';

listScrollSuite(SMALLEST_PREVIEW_DEVICES);
