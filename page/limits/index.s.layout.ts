// The transit and limits pages share one list geometry per shape.
export { layout } from '../common/list.s.layout';
