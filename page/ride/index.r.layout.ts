// Round screens: the pay page's geometry (card name on top, the code in the middle band, the hint below).
export { layout } from '../pay/index.r.layout';
