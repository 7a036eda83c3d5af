import { useId, useState } from 'react';
import { useLabStoreApi } from '../store/index.ts';
import type { ShareState, UncapturedActions } from './link.ts';
import { captureShareLink, formatDuration } from './restore.ts';
import { embedSnippets, type EmbedLocation } from './snippets.ts';
import './share.css';
import './share-controls.css';

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

/** What a link leaves out, in words, said before anything is copied. */
export function uncapturedText(uncaptured: UncapturedActions, total: number): string {
  const after = uncaptured.count > 1 ? ` or the ${uncaptured.count - 1} after it` : '';
  return `This link cannot hold action ${uncaptured.index + 1} of ${total} ("${uncaptured.label}" at ${formatDuration(uncaptured.at)})${after}: ${uncaptured.reason}. It opens the lab at ${formatDuration(uncaptured.at)}, just before that action.`;
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
  const [shared, setShared] = useState<{ url: string; copied: boolean; warning: string | null } | null>(null);
  const [snippets, setSnippets] = useState<{ text: ReturnType<typeof embedSnippets>; warning: string | null } | null>(null);
  const [tab, setTab] = useState<(typeof SNIPPET_TABS)[number][0]>('customElement');
  const [copiedSnippet, setCopiedSnippet] = useState(false);

  const share = async () => {
    const state = store.getState();
    const captured = captureShareLink(state, lesson);
    const url = link(captured.state);
    if (captured.uncaptured) {
      // Say what the link leaves out before anything lands on the clipboard; copying is then a choice.
      setShared({ url, copied: false, warning: uncapturedText(captured.uncaptured, state.actionLog.length) });
      return;
    }
    setShared({ url, copied: await copyText(url), warning: null });
  };

  const copyAnyway = async () => {
    if (shared) setShared({ ...shared, copied: await copyText(shared.url) });
  };

  const toggleEmbed = () => {
    if (snippets || !embed) {
      setSnippets(null);
      return;
    }
    const state = store.getState();
    const captured = captureShareLink(state);
    setSnippets({ text: embedSnippets(embed, captured.state), warning: captured.uncaptured ? uncapturedText(captured.uncaptured, state.actionLog.length) : null });
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
          {shared.warning && <p className="cal-share-warning" data-share-warning>{shared.warning}</p>}
          {shared.warning && !shared.copied && (
            <button type="button" className="cal-button" onClick={() => void copyAnyway()}>
              Copy this link
            </button>
          )}
          {shared.warning
            ? shared.copied
              ? 'Link copied.'
              : 'Or copy it from here:'
            : shared.copied
              ? 'Link copied: it opens this lab at this exact moment.'
              : 'Copy this link:'}
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
          {snippets.warning && <p className="cal-share-warning">{snippets.warning}</p>}
          <pre className="cal-share-snippet" data-snippet={tab}>
            <code>{snippets.text[tab]}</code>
          </pre>
          <button type="button" className="cal-button" onClick={() => void copyText(snippets.text[tab]).then(setCopiedSnippet)}>
            {copiedSnippet ? 'Copied' : 'Copy snippet'}
          </button>
        </div>
      )}
    </div>
  );
}
