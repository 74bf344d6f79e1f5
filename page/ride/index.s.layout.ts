// Square screens: the pay page's geometry (card name on top, the code in the middle, the hint at the bottom).
export { layout } from '../pay/index.s.layout';
