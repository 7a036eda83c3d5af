/** Light or dark: the two looks a diagram can take. */
export type DiagramTheme = 'light' | 'dark';

// Mermaid's `base` theme derives its shades from these, and it only understands hex colours,
// so the palette mirrors the lab's CSS variables (theme.css) as literal values.
const palettes: Record<DiagramTheme, Record<string, string | boolean>> = {
  light: {
    darkMode: false,
    background: '#ffffff',
    primaryColor: '#e6ecfa',
    primaryTextColor: '#1a1e24',
    primaryBorderColor: '#2c55c8',
    secondaryColor: '#eef1f4',
    tertiaryColor: '#fff4d6',
    lineColor: '#545d69',
    textColor: '#1a1e24',
    actorBkg: '#e6ecfa',
    actorBorder: '#2c55c8',
    actorTextColor: '#1a1e24',
    actorLineColor: '#9aa3ae',
    signalColor: '#1a1e24',
    signalTextColor: '#1a1e24',
    noteBkgColor: '#fff4d6',
    noteTextColor: '#1a1e24',
    noteBorderColor: '#9a4b05',
    activationBkgColor: '#d6e0f8',
    activationBorderColor: '#2c55c8',
    labelBoxBkgColor: '#e6ecfa',
    labelBoxBorderColor: '#2c55c8',
    labelTextColor: '#1a1e24',
    loopTextColor: '#1a1e24',
    edgeLabelBackground: '#ffffff',
  },
  dark: {
    darkMode: true,
    background: '#161a20',
    primaryColor: '#1e2a45',
    primaryTextColor: '#e4e8ee',
    primaryBorderColor: '#7da2ff',
    secondaryColor: '#1e232b',
    tertiaryColor: '#3a2c14',
    lineColor: '#9ba5b3',
    textColor: '#e4e8ee',
    actorBkg: '#1e2a45',
    actorBorder: '#7da2ff',
    actorTextColor: '#e4e8ee',
    actorLineColor: '#5b6472',
    signalColor: '#e4e8ee',
    signalTextColor: '#e4e8ee',
    noteBkgColor: '#3a2c14',
    noteTextColor: '#e4e8ee',
    noteBorderColor: '#eda24d',
    activationBkgColor: '#263455',
    activationBorderColor: '#7da2ff',
    labelBoxBkgColor: '#1e2a45',
    labelBoxBorderColor: '#7da2ff',
    labelTextColor: '#e4e8ee',
    loopTextColor: '#e4e8ee',
    edgeLabelBackground: '#161a20',
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
