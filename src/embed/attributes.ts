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

export interface AttributeQuery {
  readonly query: URLSearchParams;
  /** One sentence per option set by several spellings with different values (`ttl`, `ttl-ms`, `ttlms`). */
  readonly notes: readonly string[];
}

/** The element's attributes as a share query (unknown attributes such as `class` are not read). */
export function attributesToQuery(read: (name: string) => string | null): AttributeQuery {
  const query = new URLSearchParams();
  const spellings = new Map<string, { attribute: string; value: string }[]>();
  for (const [attribute, key] of attributeToKey) {
    const value = read(attribute);
    if (value === null) continue;
    if (!query.has(key)) query.set(key, value);
    spellings.set(key, [...(spellings.get(key) ?? []), { attribute, value }]);
  }
  const notes: string[] = [];
  for (const [key, given] of spellings) {
    if (new Set(given.map(({ value }) => value)).size < 2) continue;
    const [used, ...others] = given;
    const list = given.map(({ attribute, value }) => `${attribute}=${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`).join(', ');
    notes.push(`${key}: set ${given.length} ways with different values (${list}); using ${used!.attribute}, ignoring ${others.map(({ attribute }) => attribute).join(' and ')}`);
  }
  return { query, notes };
}
