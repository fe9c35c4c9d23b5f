/** The map kept under `key` in a map of maps, created on first use (memos keyed by a pair of objects). */
export function inner<K, K2, V>(outer: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let m = outer.get(key);
  if (!m) outer.set(key, (m = new Map()));
  return m;
}

/** `inner` for memos that must not keep their keys alive (objects of one comparison). */
export function innerWeak<K extends object, K2 extends object, V>(outer: WeakMap<K, WeakMap<K2, V>>, key: K) {
  let m = outer.get(key);
  if (!m) outer.set(key, (m = new WeakMap()));
  return m;
}
