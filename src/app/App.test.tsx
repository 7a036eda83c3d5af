import { render, screen } from '@testing-library/react';
import { lessons } from 'virtual:lessons';
import { App } from './App';

test('the app shows the landing page with every lesson compiled from content/', () => {
  window.location.hash = '';
  render(<App />);
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/cache-aside/i);
  for (const lesson of lessons) expect(screen.getByText(lesson.title)).toBeInTheDocument();
  expect(lessons.length).toBeGreaterThan(0);
});
