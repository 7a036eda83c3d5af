import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LabProps } from '../components/lab/index.ts';
import { LessonBlocks } from './directives.tsx';

// Stands in for D1's lab so this test is about the directive wiring, not the lab itself.
vi.mock('../components/lab/index.ts', () => ({
  preloadFirstPaint: () => Promise.resolve(),
  Lab: (props: LabProps) => (
    <div>
      <p>
        Lab for {props.scenario} seed {props.seed} ttl {String(props.options?.ttlMs)} check {props.check?.kind}
      </p>
      <button type="button" onClick={props.onCheckPassed}>
        pass
      </button>
    </div>
  ),
}));

test('a lab block renders the lazy Lab with its spec and reports a passed check with its lab id', async () => {
  const passed: string[] = [];
  const user = userEvent.setup();
  render(
    <LessonBlocks
      blocks={[
        {
          kind: 'lab',
          id: 'lab-2',
          lab: { scenario: 'ttl', seed: 7, options: { ttlMs: 5000 }, check: { kind: 'predict', prompt: 'Hit?', choices: ['Hit', 'Miss'], answer: 'Hit' } },
        },
      ]}
      context={{ passedChecks: new Set(['lab-2']), onCheckPassed: (id) => passed.push(id) }}
    />,
  );
  expect(screen.getByText('✓ You passed this check before.')).toBeInTheDocument();
  expect(await screen.findByText('Lab for ttl seed 7 ttl 5000 check predict', {}, { timeout: 10_000 })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'pass' }));
  expect(passed).toEqual(['lab-2']);
});

test('a block that throws shows its own message while the rest of the lesson renders', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  render(
    <LessonBlocks
      blocks={[
        { kind: 'html', html: '<p>Before.</p>' },
        // A code block with no tabs makes CodeBlock throw, standing in for any broken directive.
        { kind: 'code', tabs: [] },
        { kind: 'html', html: '<p>After.</p>' },
      ]}
      context={{ passedChecks: new Set(), onCheckPassed: () => {} }}
    />,
  );
  expect(screen.getByRole('alert')).toHaveTextContent('Could not show this part.');
  expect(screen.getByText('Before.')).toBeInTheDocument();
  expect(screen.getByText('After.')).toBeInTheDocument();
});
