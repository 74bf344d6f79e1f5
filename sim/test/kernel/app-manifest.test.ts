// The one app.json reader: the fields the simulator uses, typed, and a clear error naming the file
// and the field when one is missing or wrong.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { manifestPages, parseAppManifest, readAppManifest } from '../../kernel/app-manifest';
import { PROJECT_ROOT } from '../../kernel/bundle';

const FILE = '/apps/x/app.json';
const good = {
  app: { appId: 1000001, appName: 'X', vender: 'test' },
  targets: {
    common: {
      module: {
        page: { pages: ['page/a/index.page', 'page/b/index.page'] },
        'app-side': { path: 'app-side/index' },
        setting: { path: 'setting/index' },
      },
      designWidth: 390,
    },
  },
};
const parse = (json: unknown) => parseAppManifest(JSON.stringify(json), FILE);
const withTarget = (target: Record<string, unknown>) => ({
  ...good,
  targets: { common: { ...good.targets.common, ...target } },
});
const withModule = (module: Record<string, unknown>) =>
  withTarget({ module: { ...good.targets.common.module, ...module } });

describe('app manifest', () => {
  it('reads the project app.json and the fixtures', () => {
    const m = readAppManifest(PROJECT_ROOT);
    expect(m.file).toBe(join(PROJECT_ROOT, 'app.json'));
    expect(m.app.appName).toBe('Wrist Wallet');
    expect(m.pages).toContain('page/pay/index.page');
    expect(m).toMatchObject({ sidePath: 'app-side/index', settingPath: 'setting/index', designWidth: 480 });
    const echo = readAppManifest(join(PROJECT_ROOT, 'sim/fixtures/phone-echo'));
    expect(echo.pages).toBeUndefined();
    expect(() => manifestPages(echo, 'watch realm')).toThrow(
      /^watch realm: .*phone-echo\/app\.json has no targets\.common\.module\.page\.pages$/,
    );
  });

  it('keeps the whole app object and the first target', () => {
    const m = parse(good);
    expect(m.app).toEqual(good.app);
    expect(m).toMatchObject({ target: 'common', pages: good.targets.common.module.page.pages, designWidth: 390 });
    const bare = parse({ app: good.app, targets: { t: { module: {} } } });
    expect(bare).toMatchObject({ target: 't', designWidth: 480 });
    expect(bare.sidePath).toBeUndefined();
    expect(bare.settingPath).toBeUndefined();
  });

  it.each([
    ['not JSON', '{', /^\/apps\/x\/app\.json: not valid JSON/],
    ['no app', { targets: good.targets }, /^\/apps\/x\/app\.json: app is missing$/],
    ['no appId', { ...good, app: { appName: 'X' } }, /: app\.appId is missing$/],
    [
      'a string appId',
      { ...good, app: { appId: '7', appName: 'X' } },
      /: app\.appId must be a positive integer, got string "7"$/,
    ],
    [
      'an empty appName',
      { ...good, app: { appId: 7, appName: '' } },
      /: app\.appName must be a non-empty string, got string ""$/,
    ],
    ['no targets', { app: good.app }, /: targets is missing$/],
    ['empty targets', { app: good.app, targets: {} }, /: targets must be an object with at least one target/],
    ['no module', { app: good.app, targets: { common: {} } }, /: targets\.common\.module is missing$/],
    [
      'pages not an array',
      withModule({ page: { pages: 'page/a/index.page' } }),
      /: targets\.common\.module\.page\.pages must be a non-empty array of page paths, got string/,
    ],
    [
      'empty pages',
      withModule({ page: { pages: [] } }),
      /: targets\.common\.module\.page\.pages must be a non-empty array/,
    ],
    [
      'a page not a string',
      withModule({ page: { pages: ['page/a/index.page', 3] } }),
      /: targets\.common\.module\.page\.pages\[1\] must be a page path string, got number 3$/,
    ],
    ['app-side without path', withModule({ 'app-side': {} }), /: targets\.common\.module\.app-side\.path is missing$/],
    [
      'setting as a string',
      withModule({ setting: 'setting/index' }),
      /: targets\.common\.module\.setting must be an object \{path\}, got string/,
    ],
    [
      'designWidth 0',
      withTarget({ designWidth: 0 }),
      /: targets\.common\.designWidth must be a number > 0, got number 0$/,
    ],
  ])('refuses %s, naming the file and the field', (_name, input, message) => {
    expect(() => (typeof input === 'string' ? parseAppManifest(input, FILE) : parse(input))).toThrow(message);
  });

  it('names the file it cannot read', () => {
    expect(() => readAppManifest('/nowhere/at/all')).toThrow(/^app\.json: cannot read \/nowhere\/at\/all\/app\.json: /);
  });
});
