/**
 * Own-key helpers for name-keyed data. Member, shape and definition names come from upstream models
 * and may be any identifier, including `constructor`, `toString` or `__proto__`: a plain `obj[name]`
 * read finds Object.prototype's members, `name in obj` sees inherited keys, and `obj.__proto__ = v`
 * replaces the prototype instead of adding a key. These helpers read and write own keys only, and
 * keep ordinary objects (so values compare equal to what JSON.parse returns for the same text).
 */
export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export function getOwn<T>(o: Record<string, T> | undefined | null, key: string): T | undefined {
  return o && hasOwn(o, key) ? o[key] : undefined;
}

export function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  if (key !== '__proto__') o[key] = value;
  else Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy that keeps an own `__proto__` key as a key. */
export function copyOwn<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o)) setOwn(out, k, o[k]);
  return out;
}
