// The band's list pages page by page, in en-US (band-list-pages.ts; zh-CN and ru-RU in the slow lane).
import { bandListSuite } from './band-list-pages';

bandListSuite(['en-US']);
