/** Small stroke icons; decorative, the buttons carry the accessible names. */
const paths = {
  play: 'M7 5l11 7-11 7z',
  pause: 'M7 5h3v14H7zM14 5h3v14h-3z',
  back: 'M5 6h2.5v12H5zM19 6L9 12l10 6z',
  forward: 'M16.5 6H19v12h-2.5zM5 6l10 6-10 6z',
  reset: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4',
  expiry: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
  keyboard: 'M3 7h18v10H3zM7 11h1M11 11h1M15 11h1M8 14h8',
} as const;

export function Icon({ name }: { name: keyof typeof paths }) {
  const filled = name === 'play' || name === 'pause' || name === 'back' || name === 'forward';
  return (
    <svg className="cal-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={filled ? 0 : 2} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
