// Issue 10 at the till (till-journeys.ts), every journey on a round (API 3.7) and a square (API 3.0) device.
import { TILL_JOURNEYS, tillSuite } from './till-journeys';

tillSuite('Amazfit Balance', TILL_JOURNEYS);
tillSuite('Amazfit Active Edge', TILL_JOURNEYS);
tillSuite('Amazfit Bip 5 Unity', TILL_JOURNEYS);
