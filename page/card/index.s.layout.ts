// A card's page reads as a text list (balance, notes, trips, actions): the list geometry of square screens.
export { layout } from '../common/list.s.layout';
