import { useId, useState } from 'react';
import { useLabStoreApi } from '../store/index.ts';
import type { ShareState } from './link.ts';
import { captureShareState } from './restore.ts';
import { embedSnippets, type EmbedLocation } from './snippets.ts';
import './share.css';

export interface ShareControlsProps {
  /** The absolute URL that reopens this state. */
  link(state: ShareState): string;
  /** Where the embed script lives; without it there is no Embed button. */
  embed?: EmbedLocation | null;
  lesson?: string;
}

/** Copies `text`: the Clipboard API, else a selected textarea and execCommand; false if neither worked. */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or no focus: fall through to the old way.
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = doc.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

const SNIPPET_TABS = [
  ['customElement', 'HTML'],
  ['iframe', 'iframe'],
  ['hugo', 'Hugo'],
  ['docusaurus', 'Docusaurus'],
] as const;

/** Share (copy a link to this exact moment) and Embed (show the snippets) for the lab around it. */
export function ShareControls({ link, embed, lesson }: ShareControlsProps) {
  const id = useId();
  const store = useLabStoreApi();
  const [shared, setShared] = useState<{ url: string; copied: boolean } | null>(null);
  const [snippets, setSnippets] = useState<ReturnType<typeof embedSnippets> | null>(null);
  const [tab, setTab] = useState<(typeof SNIPPET_TABS)[number][0]>('customElement');
  const [copiedSnippet, setCopiedSnippet] = useState(false);

  const share = async () => {
    const url = link(captureShareState(store.getState(), lesson));
    const copied = await copyText(url);
    setShared({ url, copied });
  };

  const toggleEmbed = () => {
    if (snippets || !embed) {
      setSnippets(null);
      return;
    }
    setSnippets(embedSnippets(embed, captureShareState(store.getState())));
    setCopiedSnippet(false);
  };

  return (
    <div className="cal-share" data-no-shortcuts>
      <div className="cal-share-buttons">
        <button type="button" className="cal-button" onClick={() => void share()} data-share="link">
          Share
        </button>
        {embed && (
          <button type="button" className="cal-button" aria-expanded={snippets !== null} aria-controls={`${id}-embed`} onClick={toggleEmbed} data-share="embed">
            Embed
          </button>
        )}
      </div>
      {shared && (
        <div className="cal-share-result" role="status">
          {shared.copied ? 'Link copied: it opens this lab at this exact moment.' : 'Copy this link:'}
          <input className="cal-input cal-share-url" readOnly value={shared.url} aria-label="Link to this moment" onFocus={(event) => event.currentTarget.select()} />
        </div>
      )}
      {snippets && (
        <div className="cal-share-embed" id={`${id}-embed`}>
          <div className="cal-share-tabs" role="group" aria-label="Embed snippet for">
            {SNIPPET_TABS.map(([key, label]) => (
              <button
                key={key}
                type="button"
                className={`cal-button cal-button-quiet${tab === key ? ' is-active' : ''}`}
                aria-pressed={tab === key}
                onClick={() => {
                  setTab(key);
                  setCopiedSnippet(false);
                }}
              >
                {label}
              </button>
            ))}
          </div>
          <pre className="cal-share-snippet" data-snippet={tab}>
            <code>{snippets[tab]}</code>
          </pre>
          <button type="button" className="cal-button" onClick={() => void copyText(snippets[tab]).then(setCopiedSnippet)}>
            {copiedSnippet ? 'Copied' : 'Copy snippet'}
          </button>
        </div>
      )}
    </div>
  );
}
