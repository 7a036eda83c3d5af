import { render, screen } from '@testing-library/react';
import { App } from './App';

test('the app names the tutorial', () => {
  render(<App />);
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Cache-Aside Lab');
});
