// What a device of one API level offers of the @zos modules: the fakes, cut down to the members
// reference/zos-api.tsv lists at or below the device's level (docs: guides/framework/device/compatibility.md,
// "all JS APIs are marked with API_LEVEL at the top of the document"; each row names its doc page).
//
// - A module with no row at the device's level is absent: its import yields an object with no members
//   (assumed, not verified: the docs do not say what a device does with an import of a missing module).
// - A member without a row at the device's level is absent from the module object, so calling it throws
//   the engine's TypeError "... is not a function". Reading it also records an error naming the member,
//   its level and the device's level (the app is meant to check the level, not probe), in `onError`.
// - A member the device has but the simulator does not fake reads as undefined and records a
//   "not modelled" error.
// - A fake member with no row at all is a simulator bug: `gateModules` throws, listing every one.
import type { DeviceFacts } from '../../reference/devices';
import type { ZosApi } from '../../reference/zos-api';

/** Names esbuild's module interop and the engine may read from any module object; never recorded. */
const QUIET = new Set(['__esModule', 'default', 'then', 'toJSON', 'constructor']);

/** Fake members (module.name) with no row in the table, at any level. */
export function unlistedMembers(api: ZosApi, fakes: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [module, fake] of Object.entries(fakes)) {
    if (api.moduleLevel(module) === undefined) {
      out.push(`${module} (the whole module)`);
      continue;
    }
    if (typeof fake !== 'object' || fake === null) continue;
    for (const name of Object.keys(fake)) if (!api.member(module, name)) out.push(`${module}.${name}`);
  }
  return out;
}

/**
 * The fakes as a device of `device.apiLevel` exposes them. Modules the table knows but the simulator
 * does not fake are absent below their level and throw "not modelled" at or above it (`require`).
 */
export function gateModules(
  api: ZosApi,
  device: Pick<DeviceFacts, 'name' | 'apiLevel'>,
  fakes: Record<string, unknown>,
  onError: (err: Error) => void,
): (name: string) => unknown {
  const unlisted = unlistedMembers(api, fakes);
  if (unlisted.length) {
    throw new Error(
      `simulator bug: fake @zos members with no row in reference/zos-api.tsv (add the row with its doc page, or drop the member): ${unlisted.join(', ')}`,
    );
  }
  const level = device.apiLevel;
  const where = `${device.name} (API level ${level.toFixed(1)})`;
  const record = (message: string): void => onError(new Error(message));
  const gated = new Map<string, unknown>();

  const view = (module: string, fake: Record<string, unknown> | null): object => {
    const present = api.hasModule(module, level);
    const target: Record<string, unknown> = {};
    if (present && fake)
      for (const name of api.membersAt(module, level)) if (Object.hasOwn(fake, name)) target[name] = fake[name];
    return new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key !== 'string' || Object.hasOwn(t, key) || QUIET.has(key))
          return Reflect.get(t, key, receiver) as unknown;
        const row = api.member(module, key);
        if (!row) return undefined; // not a Zepp OS API at all: undefined, as on the watch
        const from = `${row.apiLevel.toFixed(1)}${row.assumed ? ' (assumed: the docs do not list it)' : ''}`;
        if (!present) {
          record(
            `${module}.${key}: ${module} is not on ${where}; reference/zos-api.tsv has ${module}.${key} from API level ${from}${row.docPage ? `, ${row.docPage}` : ''}`,
          );
        } else if (row.apiLevel > level) {
          record(
            `${module}.${key} is not on ${where}: reference/zos-api.tsv has it from API level ${from}${row.docPage ? `, ${row.docPage}` : ''}`,
          );
        } else {
          record(`${module}.${key} (API level ${from}) is not modelled by the simulator: add it to sim/zos/`);
        }
        return undefined;
      },
    });
  };

  return (name: string): unknown => {
    if (gated.has(name)) return gated.get(name);
    const known = api.moduleLevel(name) !== undefined;
    if (!known)
      throw new Error(
        `watch realm: no module ${JSON.stringify(name)} in reference/zos-api.tsv (a Zepp OS module the simulator does not know)`,
      );
    const fake = fakes[name];
    let out: unknown;
    if (Object.hasOwn(fakes, name) && (typeof fake !== 'object' || fake === null)) {
      // A module that is one value, faked as undefined (@zos/ble/TransferFile: file transfer is not
      // emulated, and ZML checks the module for undefined), is undefined at every level.
      out = fake;
    } else if (!api.hasModule(name, level)) {
      out = view(name, null);
    } else if (!Object.hasOwn(fakes, name)) {
      throw new Error(`watch realm: ${name} is on ${where} but not modelled by the simulator (sim/zos/)`);
    } else {
      out = view(name, fake as Record<string, unknown>);
    }
    gated.set(name, out);
    return out;
  };
}
