export { loadMermaid } from './load';
export { renderDiagram, parseDiagram, type RenderResult } from './queue';
export { mermaidConfig, type DiagramTheme } from './theme';
export { followTheme, themeOf, type FollowThemeOptions } from './theme-in-force';
export { MermaidDiagram, estimateDiagramHeight, type MermaidDiagramProps } from './MermaidDiagram';
export { SequenceDiagram, type SequenceDiagramProps } from './SequenceDiagram';
export { toSequenceDiagram, commandLine, replySummary } from './sequence';
