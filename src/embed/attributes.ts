/**
 * The custom element's attributes → a share query. HTML lowercases attribute names, so each
 * option is read as kebab case (`ttl-ms`), as written lowercase (`ttlms`), and for `…Ms` options
 * also without the unit (`ttl`).
 */
import { optionNames } from '../scenarios/options.ts';
import { attributeName } from '../share/attribute-name.ts';

const STATE_ATTRIBUTES = ['scenario', 'seed', 'actions', 'event', 'time'] as const;

/** attribute → query key, first spelling wins when an element sets two. */
export const attributeToKey: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const name of STATE_ATTRIBUTES) map.set(name, name);
  for (const option of optionNames) {
    if (option === 'seed') continue;
    map.set(attributeName(option), option);
    map.set(option.toLowerCase(), option);
    if (option.endsWith('Ms')) map.set(attributeName(option.slice(0, -2)), option);
  }
  return map;
})();

export const observedAttributes = [...attributeToKey.keys(), 'theme', 'label'];

/** The element's attributes as a share query (unknown attributes such as `class` are not read). */
export function attributesToQuery(read: (name: string) => string | null): URLSearchParams {
  const query = new URLSearchParams();
  for (const [attribute, key] of attributeToKey) {
    const value = read(attribute);
    if (value !== null && !query.has(key)) query.set(key, value);
  }
  return query;
}
