// Low balance, automatic top-up and card pages end to end (card-pages.ts), every journey on the smallest
// round and square preview screens. Slow lane only: the fast lane must stay under 40 s.
import { SMALLEST_PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { cardPagesSuite } from './card-pages';

const [round, square] = SMALLEST_PREVIEW_DEVICES as [string, string];
cardPagesSuite(round, ['low', 'auto']);
cardPagesSuite(square, ['low', 'auto']);
