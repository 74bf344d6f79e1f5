// Low balance, automatic top-up and card pages end to end (card-pages.ts). Fast lane: the low-balance
// journey on the smallest round preview screen (Active Edge), automatic top-up on the smallest square one
// (Bip 5 Unity, API 3.0, the app's minVersion); card-pages.slow.test.ts runs the other half on each.
import { SMALLEST_PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { cardPagesSuite } from './card-pages';

const [round, square] = SMALLEST_PREVIEW_DEVICES as [string, string];
cardPagesSuite(round, ['low']);
cardPagesSuite(square, ['auto']);
