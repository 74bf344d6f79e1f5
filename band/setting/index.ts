// The band app's settings page is the watches' one (setting/index.ts), with its strings (band/setting/i18n
// links to setting/i18n); see band/app-side/index.ts.
import '../../setting/index';
