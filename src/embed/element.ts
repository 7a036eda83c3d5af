/**
 * `<cache-aside-lab scenario="stampede" ttl="5000" strategy="lock">`: one independent lab per
 * element, in a shadow root, configured by attributes (re-read when they change). This file stays
 * small; React and the simulation load in `runtime.tsx` when the first lab connects.
 */
import { followTheme } from '../diagrams/theme-in-force.ts';
import type { EmbedLocation } from '../share/snippets.ts';
import { attributesToQuery, observedAttributes } from './attributes.ts';
import type { LabCommand } from './protocol.ts';
import { HOST_CSS, adoptEmbedCss } from './styles.ts';
import type { MountedLab } from './runtime.tsx';

export const ELEMENT_NAME = 'cache-aside-lab';

/** Where docs sites keep their theme, on <html> or <body>: see hostTheme. */
const HOST_THEME_ATTRIBUTES = ['data-theme', 'class', 'data-md-color-scheme'];

/** The theme a docs site shows now: Docusaurus and this app set `data-theme`, MkDocs Material `data-md-color-scheme`. */
export function hostTheme(doc: Document): 'light' | 'dark' | null {
  const root = doc.documentElement;
  const theme = root.getAttribute('data-theme');
  if (theme === 'light' || theme === 'dark') return theme;
  const material = root.getAttribute('data-md-color-scheme') ?? doc.body?.getAttribute('data-md-color-scheme');
  if (material === 'slate') return 'dark';
  if (material === 'default') return 'light';
  if (root.classList.contains('dark')) return 'dark';
  return null;
}

let runtime: Promise<typeof import('./runtime.tsx')> | null = null;
const loadRuntime = () => (runtime ??= import('./runtime.tsx'));

export function defineCacheAsideLab(location: EmbedLocation, name = ELEMENT_NAME): void {
  if (customElements.get(name)) return;

  class CacheAsideLabElement extends HTMLElement {
    static observedAttributes = observedAttributes;

    #container: HTMLDivElement | null = null;
    #lab: MountedLab | null = null;
    #cleanups: (() => void)[] = [];
    #pending = false;
    #version = 0;

    connectedCallback() {
      if (this.#container) return;
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      this.#container = document.createElement('div');
      this.#container.className = 'cal-embed-root';
      shadow.replaceChildren(this.#container);
      this.#cleanups.push(adoptEmbedCss(shadow, HOST_CSS));
      this.#cleanups.push(followTheme(this, () => this.#applyTheme(), { attributes: HOST_THEME_ATTRIBUTES, subtree: false }));
      void this.#render();
    }

    disconnectedCallback() {
      // A move (remove then insert in the same task) keeps the lab; a real removal tears it down.
      queueMicrotask(() => {
        if (!this.isConnected) this.#teardown();
      });
    }

    attributeChangedCallback(attribute: string, before: string | null, after: string | null) {
      if (!this.#container || before === after) return;
      if (attribute === 'theme') {
        this.#applyTheme();
        return;
      }
      // Several attributes set in one go rebuild the lab once.
      if (this.#pending) return;
      this.#pending = true;
      queueMicrotask(() => {
        this.#pending = false;
        if (this.#container) void this.#render();
      });
    }

    /** The lab's store, for pages that script it (null until it has loaded). */
    get store() {
      return this.#lab?.store ?? null;
    }

    /** Notes about attributes the lab ignored. */
    get notes(): readonly string[] {
      return this.#lab?.notes ?? [];
    }

    play() {
      return this.#command({ type: 'play' });
    }
    pause() {
      return this.#command({ type: 'pause' });
    }
    step(direction: 1 | -1 = 1) {
      return this.#command({ type: 'step', direction: direction === -1 ? -1 : 1 });
    }
    reset() {
      return this.#command({ type: 'reset' });
    }
    setOption(option: string, value: string | number | boolean): string | null {
      return this.#command({ type: 'setOption', name: option, value });
    }

    #command(command: LabCommand): string | null {
      return this.#lab ? this.#lab.command(command) : 'The lab has not loaded yet.';
    }

    #applyTheme() {
      if (!this.#container) return;
      const pinned = this.getAttribute('theme');
      const theme = pinned === 'light' || pinned === 'dark' ? pinned : hostTheme(document);
      if (theme) this.#container.setAttribute('data-theme', theme);
      else this.#container.removeAttribute('data-theme');
    }

    async #render() {
      const version = ++this.#version;
      const { mountLab, prepareLab } = await loadRuntime();
      const attributes = attributesToQuery((attribute) => this.getAttribute(attribute));
      // A link with actions loads its replay, a scenario with on-demand code (lessons 13 and 15) its code.
      const link = await prepareLab(attributes.query);
      // Removed, or attributes changed again, while the runtime loaded.
      if (version !== this.#version || !this.#container) return;
      this.#lab?.unmount();
      const mount = document.createElement('div');
      this.#container.replaceChildren(mount);
      this.#lab = mountLab(mount, link, attributes.notes, location, (event) => {
        this.dispatchEvent(new CustomEvent(event.type, { detail: event, bubbles: true, composed: true }));
      }, this.getAttribute('label'));
      const lab = this.#lab;
      this.#cleanups.push(
        lab.whenReady((notes) => {
          if (this.#lab === lab) this.dispatchEvent(new CustomEvent('ready', { detail: { scenario: lab.scenario, notes }, bubbles: true, composed: true }));
        }),
      );
    }

    #teardown() {
      this.#version++;
      this.#lab?.unmount();
      this.#lab = null;
      for (const cleanup of this.#cleanups.splice(0)) cleanup();
      this.shadowRoot?.replaceChildren();
      this.#container = null;
    }
  }

  customElements.define(name, CacheAsideLabElement);
}
