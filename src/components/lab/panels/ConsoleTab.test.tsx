import { createSimulation } from '../../../scenarios/simulation.ts';
import { consoleResult } from './ConsoleTab.tsx';

describe('the lab console', () => {
  test('typed text goes to Redis as UTF-8 bytes, and a repeat prefix prints every reply', () => {
    const sim = createSimulation({ scenario: 'basics' });
    const run = (line: string) => {
      sim.apply({ type: 'console', line });
      return consoleResult(sim.trace, line);
    };
    expect(run('SET e 🔑')).toEqual({ output: 'OK', isError: false });
    expect(run('STRLEN e')).toEqual({ output: '(integer) 4', isError: false });
    expect(run('GET e')).toEqual({ output: '"\\xf0\\x9f\\x94\\x91"', isError: false });
    expect(run('2 INCR n')).toEqual({ output: '(integer) 1\n(integer) 2', isError: false });
    expect(run('SET "oops')).toEqual({ output: '(error) Invalid argument(s)', isError: true });
    sim.apply({ type: 'redisDown' });
    expect(run('GET e')).toMatchObject({ output: expect.stringMatching(/^\(error\) Could not connect/), isError: true });
  });
});
