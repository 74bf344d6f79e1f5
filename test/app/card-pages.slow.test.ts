// Low balance, automatic top-up and card pages end to end (card-pages.ts): the half of the journeys the
// fast lane leaves out (card-pages.test.ts), so each runs on the smallest round and square preview screens.
import { SMALLEST_PREVIEW_DEVICES } from '../../sim/cli/preview-states';
import { cardPagesSuite } from './card-pages';

const [round, square] = SMALLEST_PREVIEW_DEVICES as [string, string];
cardPagesSuite(round, ['auto']);
cardPagesSuite(square, ['low']);
