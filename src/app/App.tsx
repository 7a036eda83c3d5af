/** Placeholder shell until the tutorial app lands (issue 5). */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Cache-Aside Lab</h1>
      <p>Learn the Redis cache-aside pattern by running it. The lessons are on their way.</p>
    </main>
  );
}
