// Fake @zos/router: push / replace / back / exit / home (docs: router/*.mdx). Checks the arguments and
// hands the navigation to the realm, which runs it once the current callback has returned.

export type Navigation =
  { kind: 'push' | 'replace'; url: string; params?: string } | { kind: 'back' | 'exit' | 'home' };

export function routerModule(pages: readonly string[], navigate: (nav: Navigation) => void): Record<string, unknown> {
  const target = (fn: string, option: unknown): { url: string; params?: string } => {
    if (typeof option !== 'object' || option === null) throw new TypeError(`@zos/router: ${fn} needs {url, params?}`);
    const { url, params, ...rest } = option as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length) throw new Error(`@zos/router: ${fn} has no option ${extra.join(', ')}`);
    if (typeof url !== 'string') throw new TypeError(`@zos/router: ${fn} url must be a string`);
    const clean = url.replace(/^\//, '');
    if (!pages.includes(clean))
      throw new Error(
        `@zos/router: ${fn} to ${JSON.stringify(url)}, which is not a page of app.json (${pages.join(', ')})`,
      );
    if (params === undefined) return { url: clean };
    if (typeof params === 'string') return { url: clean, params };
    if (typeof params === 'object' && params !== null) return { url: clean, params: JSON.stringify(params) };
    throw new TypeError(`@zos/router: ${fn} params must be a string or an object`);
  };
  return {
    push: (option: unknown) => navigate({ kind: 'push', ...target('push', option) }),
    replace: (option: unknown) => navigate({ kind: 'replace', ...target('replace', option) }),
    back: () => navigate({ kind: 'back' }),
    exit: () => navigate({ kind: 'exit' }),
    home: () => navigate({ kind: 'home' }),
  };
}
