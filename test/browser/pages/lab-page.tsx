// Dev-only page for the Chromium tests: mounts one <Lab> (or <LabCompare>) from URL parameters.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Lab, type CheckSpec } from '../../../src/components/lab/index.ts';
import { LabCompare } from '../../../src/components/lab/LabCompare.tsx';
import type { CompareSpec } from '../../../src/scenarios/compare.ts';

const params = new URLSearchParams(location.search);
const scenario = params.get('scenario') ?? 'basics';
const options = params.has('options') ? (JSON.parse(params.get('options')!) as Record<string, unknown>) : undefined;
const seed = params.has('seed') ? Number(params.get('seed')) : undefined;
const check = params.has('check') ? (JSON.parse(params.get('check')!) as CheckSpec) : undefined;
const compare = params.has('compare') ? (JSON.parse(params.get('compare')!) as CompareSpec) : undefined;
const theme = params.get('theme');
if (theme) document.documentElement.dataset.theme = theme;
document.body.style.margin = '0';
document.body.style.background = 'var(--cal-bg)';
(window as unknown as { checkPassed: number }).checkPassed = 0;

const root = document.getElementById('root')!;
root.style.padding = '12px';
root.style.maxWidth = '1400px';
root.style.margin = '0 auto';
createRoot(root).render(
  <StrictMode>
    {compare ? (
      <LabCompare scenario={scenario} options={options} seed={seed} compare={compare} />
    ) : (
      <Lab
        scenario={scenario}
        options={options}
        seed={seed}
        check={check}
        onCheckPassed={() => {
          (window as unknown as { checkPassed: number }).checkPassed++;
        }}
      />
    )}
  </StrictMode>,
);
