/** The embed script's entry: defines `<cache-aside-lab>`; the lab loads in its own chunk on first use. */
import { defineCacheAsideLab } from './element.ts';

const here = new URL(/* @vite-ignore */ './', import.meta.url);
defineCacheAsideLab({ scriptUrl: new URL('cache-aside-lab.js', here).href, frameUrl: new URL('frame.html', here).href });
