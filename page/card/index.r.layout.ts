// A card's page reads as a text list (balance, notes, trips, actions): the list geometry of round screens.
export { layout } from '../common/list.r.layout';
