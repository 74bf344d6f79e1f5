// The band's list pages page by page, in zh-CN and ru-RU (band-list-pages.ts; en-US in the fast lane).
import { bandListSuite } from './band-list-pages';

bandListSuite(['zh-CN', 'ru-RU']);
