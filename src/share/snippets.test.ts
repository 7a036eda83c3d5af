import { embedSnippets } from './snippets.ts';

const location = { scriptUrl: 'https://labs.example/embed/cache-aside-lab.js', frameUrl: 'https://labs.example/embed/frame.html' };

describe('embed snippets', () => {
  it('write the state as kebab-case attributes and an iframe route', () => {
    const snippets = embedSnippets(location, { scenario: 'stampede', options: { strategy: 'lock', ttlMs: 5000 }, seed: 2, actions: [], cursor: null });
    expect(snippets.customElement).toBe(
      '<script type="module" src="https://labs.example/embed/cache-aside-lab.js"></script>\n' +
        '<cache-aside-lab scenario="stampede" strategy="lock" ttl-ms="5000" seed="2"></cache-aside-lab>',
    );
    expect(snippets.iframe).toContain('src="https://labs.example/embed/frame.html#/embed/stampede?strategy=lock&amp;ttlMs=5000&amp;seed=2"');
    expect(snippets.iframe).toContain('event.origin !== "https://labs.example"');
    expect(snippets.hugo).toBe('{{< cache-aside-lab scenario="stampede" strategy="lock" ttl-ms="5000" seed="2" >}}');
    expect(snippets.docusaurus).toContain('<CacheAsideLab scenario="stampede" strategy="lock" ttl-ms="5000" seed="2" />');
  });

  it('carry actions and the cursor so an embed opens at the shared moment', () => {
    const snippets = embedSnippets(location, { scenario: 'basics', options: {}, actions: [{ at: 0, action: { type: 'read', key: 'user:1' } }], cursor: { index: 3, time: 40 } });
    expect(snippets.customElement).toMatch(/actions="[A-Za-z0-9_-]+" event="3" time="40"/);
  });
});
