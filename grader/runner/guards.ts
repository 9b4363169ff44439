/**
 * The learner's code runs in the same process as the checks, so it could replace a built-in
 * the checks rely on (`Math.abs = () => 0` would turn every failing comparison green). Before
 * the learner's file loads, the runner records every standard built-in (each global's own
 * properties and its prototype's); after loading and after every check it looks again. Any
 * change fails the grade and is named: a patched global is never a pass.
 *
 * Everything this module calls is captured at load time too, so a patch cannot blind it.
 */
const ownKeys = Reflect.ownKeys;
const describeProperty = Reflect.getOwnPropertyDescriptor;
const getPrototypeOf = Reflect.getPrototypeOf;
const symbolName = (key: string | symbol): string => (typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : key);

/** The global names whose objects the checks (and JavaScript itself) depend on. */
const GLOBAL_NAMES = [
  'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect',
  'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError',
  'ArrayBuffer', 'DataView', 'Float64Array', 'Float32Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
  'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
  'parseFloat', 'parseInt', 'isNaN', 'isFinite', 'setTimeout', 'clearTimeout', 'setImmediate', 'queueMicrotask',
] as const;

/** Properties that Node or V8 legitimately change while running (stack trace formatting). */
const VOLATILE = new Set(['Error.prepareStackTrace', 'Error.stackTraceLimit']);

interface Recorded {
  label: string;
  owner: object;
  key: string | symbol;
  value: unknown;
  get: unknown;
  set: unknown;
}

/** The objects to watch, each with a readable name: globals, their prototypes, and the hidden intrinsics. */
function watchedObjects(): [string, object][] {
  const global = globalThis as unknown as Record<string, unknown>;
  const objects: [string, object][] = [];
  const add = (name: string, value: unknown): void => {
    if ((typeof value === 'object' || typeof value === 'function') && value !== null) objects.push([name, value]);
  };
  for (const name of GLOBAL_NAMES) {
    const value = global[name];
    add(name, value);
    if (typeof value === 'function') add(`${name}.prototype`, (value as { prototype?: unknown }).prototype);
  }
  // Objects every loop and typed array goes through without a global name.
  const typedArray = getPrototypeOf(Float64Array) as unknown;
  add('TypedArray', typedArray);
  add('TypedArray.prototype', (typedArray as { prototype?: unknown }).prototype);
  const arrayIterator = getPrototypeOf([][Symbol.iterator]()) as object;
  add('ArrayIterator.prototype', arrayIterator);
  add('Iterator.prototype', getPrototypeOf(arrayIterator));
  add('StringIterator.prototype', getPrototypeOf(''[Symbol.iterator]()));
  add('MapIterator.prototype', getPrototypeOf(new Map()[Symbol.iterator]()));
  add('SetIterator.prototype', getPrototypeOf(new Set()[Symbol.iterator]()));
  return objects;
}

export interface Guard {
  /** The built-ins that differ from when the guard was made, e.g. `Math.abs`; empty when intact. */
  changed(): string[];
}

/** Record every watched built-in now. Call before any learner code loads. */
export function guardBuiltIns(): Guard {
  const recorded: Recorded[] = [];
  // The global bindings themselves (globalThis.Math = fake), but not Node's other globals.
  for (const key of [...GLOBAL_NAMES, 'NaN', 'Infinity', 'undefined']) {
    const d = describeProperty(globalThis, key);
    if (d) recorded.push({ label: key, owner: globalThis, key, value: d.value, get: d.get, set: d.set });
  }
  for (const [name, owner] of watchedObjects()) {
    for (const key of ownKeys(owner)) {
      const label = `${name}.${symbolName(key)}`;
      if (VOLATILE.has(label)) continue;
      const d = describeProperty(owner, key);
      if (d) recorded.push({ label, owner, key, value: d.value, get: d.get, set: d.set });
    }
  }
  return {
    changed() {
      const found: string[] = [];
      for (const r of recorded) {
        const d = describeProperty(r.owner, r.key);
        if (!d || d.value !== r.value || d.get !== r.get || d.set !== r.set) {
          // NaN is the one value not equal to itself (Number.NaN, globalThis.NaN).
          if (d && r.value !== r.value && d.value !== d.value) continue;
          found.push(r.label);
        }
      }
      return found;
    },
  };
}
