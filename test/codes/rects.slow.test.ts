// The coverRects properties of rects.test.ts at full strength (slow lane).
import { describe, it } from 'vitest';
import fc from 'fast-check';
import {
  coversExactly,
  grid,
  noMoreThanRowRuns,
  paymentCode,
  paymentCodeCover,
  stackedCoversExactly,
} from './rects-properties';

describe('coverRects at full strength', () => {
  it('covers exactly the dark modules and nothing else (property)', () => {
    fc.assert(fc.property(grid, coversExactly), { numRuns: 400 });
  });

  it('never uses more rectangles than row runs (property)', () => {
    fc.assert(fc.property(grid, noMoreThanRowRuns), { numRuns: 300 });
  });

  it('stackedRunRects covers exactly the dark modules without overlap (property)', () => {
    fc.assert(fc.property(grid, stackedCoversExactly), { numRuns: 300 });
  });

  it('on 20-digit payment codes: exactly the dark modules, fewer rectangles than row runs, never above 45%', () => {
    fc.assert(fc.property(paymentCode, paymentCodeCover), { numRuns: 100 });
  });
});
