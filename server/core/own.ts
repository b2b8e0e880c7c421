/**
 * Looking a client-chosen key up in a plain object: only the object's own entries count, so `constructor`,
 * `toString` or `__proto__` never answer what Object.prototype holds (a function, not a score or an answer).
 */
export function ownValue<V>(record: Readonly<Record<string, V>> | null | undefined, key: string): V | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
