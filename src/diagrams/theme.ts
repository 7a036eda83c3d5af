/** Light or dark: the two looks a diagram can take. */
export type DiagramTheme = 'light' | 'dark';

// Mermaid's `base` theme derives its shades from these, and it only understands hex colours,
// so the palette mirrors the lab's CSS variables (theme.css) as literal values.
const palettes: Record<DiagramTheme, Record<string, string | boolean>> = {
  light: {
    darkMode: false,
    background: '#ffffff',
    primaryColor: '#e8f0fe',
    primaryTextColor: '#1b1f24',
    primaryBorderColor: '#3a6fd8',
    secondaryColor: '#e6f4ea',
    tertiaryColor: '#fef7e0',
    lineColor: '#57606a',
    textColor: '#1b1f24',
    actorBkg: '#e8f0fe',
    actorBorder: '#3a6fd8',
    actorTextColor: '#1b1f24',
    actorLineColor: '#8c959f',
    signalColor: '#1b1f24',
    signalTextColor: '#1b1f24',
    noteBkgColor: '#fff8c5',
    noteTextColor: '#1b1f24',
    noteBorderColor: '#d4a72c',
    activationBkgColor: '#dbe7fd',
    activationBorderColor: '#3a6fd8',
    labelBoxBkgColor: '#e8f0fe',
    labelBoxBorderColor: '#3a6fd8',
    labelTextColor: '#1b1f24',
    loopTextColor: '#1b1f24',
  },
  dark: {
    darkMode: true,
    background: '#0d1117',
    primaryColor: '#1f2a44',
    primaryTextColor: '#e6edf3',
    primaryBorderColor: '#6f9bff',
    secondaryColor: '#1d3326',
    tertiaryColor: '#3a2f12',
    lineColor: '#9ea7b3',
    textColor: '#e6edf3',
    actorBkg: '#1f2a44',
    actorBorder: '#6f9bff',
    actorTextColor: '#e6edf3',
    actorLineColor: '#6e7681',
    signalColor: '#e6edf3',
    signalTextColor: '#e6edf3',
    noteBkgColor: '#3a2f12',
    noteTextColor: '#f0e6c8',
    noteBorderColor: '#bb8009',
    activationBkgColor: '#26344f',
    activationBorderColor: '#6f9bff',
    labelBoxBkgColor: '#1f2a44',
    labelBoxBorderColor: '#6f9bff',
    labelTextColor: '#e6edf3',
    loopTextColor: '#e6edf3',
  },
};

/** The mermaid `initialize()` config for a theme; `securityLevel: 'strict'` keeps click handlers and HTML labels out. */
export function mermaidConfig(theme: DiagramTheme) {
  return {
    startOnLoad: false,
    securityLevel: 'strict' as const,
    theme: 'base' as const,
    themeVariables: {
      ...palettes[theme],
      fontFamily: 'system-ui, -apple-system, "Segoe UI", sans-serif',
      fontSize: '14px',
    },
    sequence: { mirrorActors: false, useMaxWidth: true },
    flowchart: { useMaxWidth: true, htmlLabels: false },
  };
}

/**
 * The theme in force for an element: the nearest `data-theme="light|dark"` ancestor, else the
 * OS preference. The lab shell sets `data-theme` when the learner overrides the OS.
 */
export function themeOf(element: Element | null): DiagramTheme {
  const marked = element?.closest('[data-theme]')?.getAttribute('data-theme');
  if (marked === 'dark' || marked === 'light') return marked;
  if (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}
