import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default, and what they wait for is often a lazy import that
// vitest transforms or evaluates on first use: seconds beside another worker on a loaded 2-core
// machine. A wait ends as soon as its condition holds, so this only changes how long a real failure
// takes to report (no test waits for something not to appear).
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
