// The band app's settings page is the watches' one (setting/index.ts); see band/app-side/index.ts.
import '../../setting/index';
