// The band app's side service is the watches' one (app-side/index.ts): the phone side does not depend on
// the watch's API level, and ZML's side messaging answers a 1.0 band as it answers a 3.0 watch. This file
// lets band/ run as an app folder of its own (the simulator's appDir); the build points band/app.json's
// app-side path at app-side/index directly (scripts/build.ts).
import '../../app-side/index';
