export { loadMermaid } from './load';
export { renderDiagram, parseDiagram, type RenderResult } from './queue';
export { mermaidConfig, themeOf, type DiagramTheme } from './theme';
export { MermaidDiagram, estimateDiagramHeight, type MermaidDiagramProps } from './MermaidDiagram';
export { SequenceDiagram, type SequenceDiagramProps } from './SequenceDiagram';
export { toSequenceDiagram, commandLine, replySummary } from './sequence';
