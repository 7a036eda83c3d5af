import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { consoleHelp } from '../../redis/cli/help.ts';
import './console.css';
import './visually-hidden.css';

/** What the parent answers for a submitted line. */
export interface ConsoleResult {
  /** The reply as redis-cli prints it (may span lines; empty prints nothing). */
  readonly output: string;
  readonly isError?: boolean;
  /** Written by the lab, not by Redis or redis-cli (e.g. "Redis is down"): the lab's own words, in learner language. */
  readonly note?: boolean;
  /** The database the session uses after this line (SELECT changes it). */
  readonly db?: number;
}

export interface RedisConsoleProps {
  /** Runs a line the learner typed; the reply it returns is appended under the line. */
  onSubmit: (line: string) => ConsoleResult | void | Promise<ConsoleResult | void>;
  /** The selected database, when the parent tracks it; otherwise the last result's `db` is used. */
  db?: number;
  /** The address shown in the prompt. */
  host?: string;
  /** The accessible name of the panel. */
  label?: string;
  /** Lines shown before anything is typed. */
  greeting?: string;
  /** How many transcript entries (typed lines and replies) to keep. */
  transcriptLimit?: number;
  className?: string;
  /**
   * Subscribes to what the server pushes to this connection outside replies (pub/sub messages,
   * invalidations): each text is printed as it arrives, as redis-cli does while it reads
   * messages. Returns the unsubscribe function.
   */
  watchPushes?: (append: (text: string) => void) => () => void;
  /**
   * Ctrl+C with nothing selected: redis-cli leaves "Reading messages..." by closing its
   * connection; the parent starts the session over (e.g. with RESET).
   */
  onInterrupt?: () => void;
}

type Entry =
  | { readonly id: number; readonly kind: 'input'; readonly prompt: string; readonly text: string }
  | { readonly id: number; readonly kind: 'output' | 'error' | 'help'; readonly text: string; readonly note?: boolean };

type EntryInput = Entry extends infer E ? (E extends Entry ? Omit<E, 'id'> : never) : never;

const HISTORY_LIMIT = 500;
// The transcript keeps its tail only, so a long session does not grow the DOM without bound.
const TRANSCRIPT_LIMIT = 1000;

/**
 * The prompt redis-cli shows: `127.0.0.1:6379>`, with `[n]` when a database other than 0 is
 * selected and `(TX)` between MULTI and EXEC/DISCARD.
 */
export function consolePrompt(host: string, db: number, inTransaction = false): string {
  return `${host}${db === 0 ? '' : `[${db}]`}${inTransaction ? '(TX)' : ''}>`;
}

/** redis-cli's `in_multi` after a command and its reply: set by MULTI, cleared by EXEC, DISCARD, RESET. */
export function transactionAfter(inTransaction: boolean, words: readonly string[], isError: boolean): boolean {
  if (words.length !== 1) return inTransaction;
  const command = words[0]!.toLowerCase();
  if (command === 'multi' && !isError) return true;
  if (command === 'exec') return false;
  if ((command === 'discard' || command === 'reset') && !isError) return false;
  return inTransaction;
}

/**
 * A redis-cli-like terminal. HELP and CLEAR are answered here, as redis-cli answers them without
 * sending the line (HELP from the emulator's COMMAND DOCS, as redis-cli's from the server's); every
 * other line goes to `onSubmit`.
 */
export function RedisConsole({
  onSubmit,
  db: controlledDb,
  host = '127.0.0.1:6379',
  label = 'Redis console',
  greeting,
  transcriptLimit = TRANSCRIPT_LIMIT,
  className,
  watchPushes,
  onInterrupt,
}: RedisConsoleProps) {
  const inputId = useId();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [draft, setDraft] = useState('');
  const [resultDb, setResultDb] = useState(0);
  const [inTransaction, setInTransaction] = useState(false);
  const history = useRef<string[]>([]);
  // Where ↑/↓ is in the history; history.length means "the line being typed".
  const position = useRef(0);
  const savedDraft = useRef('');
  const nextId = useRef(0);
  const logRef = useRef<HTMLDivElement>(null);
  const db = controlledDb ?? resultDb;
  const prompt = consolePrompt(host, db, inTransaction);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [entries]);

  const append = (...added: EntryInput[]) => {
    setEntries((previous) => [...previous, ...added.map((entry) => ({ ...entry, id: nextId.current++ }) as Entry)].slice(-transcriptLimit));
  };

  useEffect(() => {
    if (!watchPushes) return undefined;
    return watchPushes((text) => {
      setEntries((previous) => [...previous, { kind: 'output' as const, text, id: nextId.current++ }].slice(-transcriptLimit));
    });
  }, [watchPushes, transcriptLimit]);

  const remember = (line: string) => {
    const list = history.current;
    if (list[list.length - 1] !== line) list.push(line);
    if (list.length > HISTORY_LIMIT) list.splice(0, list.length - HISTORY_LIMIT);
    position.current = list.length;
    savedDraft.current = '';
  };

  const submit = async (line: string) => {
    setDraft('');
    const trimmed = line.trim();
    if (trimmed === '') {
      append({ kind: 'input', prompt, text: '' });
      return;
    }
    remember(line);
    const words = trimmed.split(/\s+/);
    const command = words[0]!.toLowerCase();
    if (command === 'clear') {
      setEntries([]);
      return;
    }
    if (command === 'help') {
      append({ kind: 'input', prompt, text: line });
      // Built from COMMAND DOCS, whose descriptions are a chunk of their own, loaded on the first HELP.
      try {
        append({ kind: 'help', text: await consoleHelp(words.slice(1)) });
      } catch (reason) {
        append({ kind: 'error', text: `HELP could not load the command descriptions: ${reason instanceof Error ? reason.message : String(reason)}`, note: true });
      }
      return;
    }
    append({ kind: 'input', prompt, text: line });
    let result: ConsoleResult | void;
    try {
      result = await onSubmit(line);
    } catch (reason) {
      result = { output: reason instanceof Error ? reason.message : String(reason), isError: true, note: true };
    }
    if (!result) return;
    if (result.db !== undefined) setResultDb(result.db);
    setInTransaction((was) => transactionAfter(was, words, result.isError === true));
    if (result.output !== '') append({ kind: result.isError ? 'error' : 'output', text: result.output, ...(result.note ? { note: true } : {}) });
  };

  const walkHistory = (step: -1 | 1) => {
    const list = history.current;
    if (list.length === 0) return;
    if (position.current === list.length) savedDraft.current = draft;
    const next = Math.min(list.length, Math.max(0, position.current + step));
    if (next === position.current) return;
    position.current = next;
    setDraft(next === list.length ? savedDraft.current : list[next]!);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void submit(draft);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      walkHistory(-1);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      walkHistory(1);
    } else if ((event.key === 'c' || event.key === 'C') && event.ctrlKey && onInterrupt) {
      const field = event.currentTarget;
      if (field.selectionStart !== field.selectionEnd) return; // a selection is being copied
      event.preventDefault();
      append({ kind: 'input', prompt, text: draft + '^C' });
      setDraft('');
      setInTransaction(false);
      onInterrupt();
    } else if ((event.key === 'l' || event.key === 'L') && event.ctrlKey) {
      event.preventDefault();
      setEntries([]);
    }
  };

  return (
    <section role="group" className={['cal-console', className].filter(Boolean).join(' ')} aria-label={label}>
      <div ref={logRef} className="cal-console__log" role="log" aria-live="polite" aria-label={`${label} output`}>
        {/* cal-console__note marks the lab's own words (the greeting, HELP, its notes), apart from Redis's replies and the learner's lines. */}
        {greeting && entries.length === 0 ? <pre className="cal-console__greeting cal-console__note">{greeting}</pre> : null}
        {entries.map((entry) =>
          entry.kind === 'input' ? (
            <pre key={entry.id} className="cal-console__input-echo">
              <span className="cal-console__prompt">{entry.prompt}</span> {entry.text}
            </pre>
          ) : (
            <pre key={entry.id} className={`cal-console__${entry.kind}${entry.kind === 'help' || entry.note ? ' cal-console__note' : ''}`}>
              {entry.text}
            </pre>
          ),
        )}
      </div>
      <div className="cal-console__line">
        <label htmlFor={inputId} className="cal-console__prompt">
          <span aria-hidden="true">{prompt}</span>
          <span className="cal-visually-hidden">Redis command</span>
        </label>
        <input
          id={inputId}
          className="cal-console__input"
          type="text"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            position.current = history.current.length;
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          aria-describedby={`${inputId}-hint`}
        />
        <span id={`${inputId}-hint`} className="cal-visually-hidden">
          Enter runs the command. Up and Down walk the history. HELP lists the commands, Ctrl+L clears.
          {onInterrupt ? ' Ctrl+C starts the connection over (leaves subscribed mode).' : ''}
        </span>
      </div>
    </section>
  );
}
