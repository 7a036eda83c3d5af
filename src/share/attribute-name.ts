/** `ttlMs` → `ttl-ms`: HTML attribute names are case-insensitive, so the element reads kebab case. */
export function attributeName(option: string): string {
  return option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
