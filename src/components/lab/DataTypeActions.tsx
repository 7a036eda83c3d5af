/** Lesson 14's app actions: a product key and a tag, and a button per task. Loaded only by labs that offer them. */
import { useState } from 'react';
import { actionSpecs } from '../../scenarios/actions.ts';
import type { LearnerAction } from '../../scenarios/types.ts';
import { useLabStore } from '../../store/index.ts';

export function DataTypeActions() {
  const act = useLabStore((s) => s.act);
  const disabled = useLabStore((s) => !s.running);
  const defaultKey = useLabStore((s) => s.scenario?.defaultKey ?? 'product:1');
  const [key, setKey] = useState(defaultKey);
  const [tag, setTag] = useState('sale');
  const run = (action: LearnerAction) => act(action);
  const productKey = key.trim();
  const tagName = tag.trim();
  return (
    <>
      <div className="cal-field-row">
        <label className="cal-field">
          <span className="cal-field-label">Product</span>
          <input className="cal-input cal-mono" value={key} onChange={(event) => setKey(event.currentTarget.value)} spellCheck={false} autoComplete="off" />
        </label>
        <button type="button" className="cal-button cal-button-primary" disabled={disabled || productKey === ''} onClick={() => run({ type: 'viewProduct', key: productKey })}>
          {actionSpecs.viewProduct.label}
        </button>
        <button type="button" className="cal-button" disabled={disabled || productKey === ''} onClick={() => run({ type: 'updatePrice', key: productKey })}>
          {actionSpecs.updatePrice.label}
        </button>
      </div>
      <div className="cal-field-row">
        <label className="cal-field">
          <span className="cal-field-label">Tag</span>
          <input className="cal-input cal-mono" value={tag} onChange={(event) => setTag(event.currentTarget.value)} spellCheck={false} autoComplete="off" />
        </label>
        <button type="button" className="cal-button cal-button-primary" disabled={disabled || tagName === ''} onClick={() => run({ type: 'invalidateTag', tag: tagName })}>
          {actionSpecs.invalidateTag.label}
        </button>
        <button type="button" className="cal-button" disabled={disabled || tagName === ''} onClick={() => run({ type: 'invalidateTagByScan', tag: tagName })}>
          {actionSpecs.invalidateTagByScan.label}
        </button>
      </div>
    </>
  );
}
