import { useId } from 'react';
import { useLabStoreThrottled } from '../../store/index.ts';
import { scanSteps, visitOrder, type ScanStepView } from './scan-view.ts';
import './keygrid.css';
import './scan.css';

/**
 * Lesson 5's picture of SCAN: Redis's hash table as buckets in index order, the order the cursor
 * visits them (reverse binary), the buckets the last call visited, where the cursor stopped, and
 * the keys that call returned. Shown by labs that offer the SCAN step.
 */
export function ScanBuckets() {
  const titleId = useId();
  const steps = useLabStoreThrottled((s) => scanSteps(s.trace.events, Math.min(s.cursor.index, s.trace.length)), 1);
  const step = steps[steps.length - 1];
  return (
    <section role="group" className="cal-panel cal-scan" aria-labelledby={titleId}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          SCAN, bucket by bucket
        </h3>
        <span className="cal-muted">{steps.length === 1 ? '1 call' : `${steps.length} calls`}</span>
      </header>
      {!step ? (
        <p className="cal-empty">Press “SCAN step”: each call visits a few buckets of Redis’s hash table and returns the matching keys in them.</p>
      ) : (
        <ScanStepPicture step={step} number={steps.length} />
      )}
    </section>
  );
}

function ScanStepPicture({ step, number }: { step: ScanStepView; number: number }) {
  const order = visitOrder(step.tableSize);
  const position = new Map(order.map((bucket, i) => [bucket, i + 1]));
  const visited = new Set(step.visited);
  const returned = new Set(step.returned);
  const bits = Math.log2(step.tableSize);
  const nextBucket = step.nextCursor === 0 ? null : step.nextCursor & (step.tableSize - 1);
  const done = step.nextCursor === 0;
  return (
    <>
      <p className="cal-scan-call">
        <code>
          {step.command === 'KEYS' ? `KEYS ${step.pattern ?? ''}` : `SCAN ${step.cursor}${step.pattern ? ` MATCH ${step.pattern}` : ''}`}
        </code>{' '}
        (call {number}){' '}
        {step.command === 'KEYS'
          ? `visited all ${step.tableSize} buckets in one call, examined every key (${step.examined}),`
          : `visited ${step.visited.length === 1 ? 'bucket' : 'buckets'} ${step.visited.join(', ')}, examined ${step.examined === 1 ? '1 key' : `${step.examined} keys`},`}{' '}
        and returned{' '}
        {step.returned.length === 0
          ? 'no key'
          : step.returned.map((key, i) => (
              <span key={key}>
                {i > 0 ? ', ' : ''}
                <code>{key}</code>
              </span>
            ))}
        {step.command === 'KEYS' ? '.' : done ? '; cursor 0: the whole table has been visited.' : `; the next call starts at cursor ${step.nextCursor}.`}
      </p>
      {step.buckets === null ? (
        <p className="cal-muted">Too many keys to draw the table ({step.tableSize} buckets).</p>
      ) : (
        <ol className="cal-buckets" aria-label={`Hash table: ${step.tableSize} buckets in index order`} start={0}>
          {step.buckets.map((keys, bucket) => {
            const here = nextBucket === bucket;
            const state = visited.has(bucket) ? 'visited in this call' : here ? 'the cursor is here' : (position.get(bucket) ?? 0) < (position.get(step.visited[0]!) ?? 0) ? 'visited earlier' : 'not yet visited';
            return (
              <li
                key={bucket}
                className={`cal-bucket${visited.has(bucket) ? ' is-visited' : ''}${here ? ' is-next' : ''}${state === 'visited earlier' ? ' is-done' : ''}`}
                data-bucket={bucket}
                aria-label={`Bucket ${bucket} (binary ${bucket.toString(2).padStart(bits, '0')}), visit ${position.get(bucket)} of ${step.tableSize}, ${state}: ${keys.length === 0 ? 'empty' : keys.join(', ')}`}
              >
                <span className="cal-bucket-head" aria-hidden="true">
                  <span className="cal-bucket-index">{bucket.toString(2).padStart(bits, '0')}</span>
                  <span className="cal-bucket-visit">#{position.get(bucket)}</span>
                </span>
                {here && (
                  <span className="cal-bucket-cursor" aria-hidden="true">
                    cursor {step.nextCursor}
                  </span>
                )}
                <span className="cal-bucket-keys" aria-hidden="true">
                  {keys.map((key) => (
                    <span key={key} className={`cal-bucket-key${returned.has(key) ? ' is-returned' : ''}`}>
                      {key}
                    </span>
                  ))}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <p className="cal-keygrid-legend cal-small" aria-hidden="true">
        <span>binary index · #visit order</span>
        <span><i className="cal-bucket-swatch is-visited" /> visited by this call</span>
        <span><i className="cal-bucket-swatch is-next" /> next cursor</span>
        <span><b className="cal-bucket-key is-returned">key</b> returned</span>
      </p>
    </>
  );
}
