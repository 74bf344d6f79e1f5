// The history page shares the list geometry of transit and limits.
export { layout } from '../common/list.r.layout';
