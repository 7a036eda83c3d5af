import { MermaidDiagram } from '../diagrams/MermaidDiagram.tsx';

/** A ```mermaid block: D2's diagram, which loads mermaid itself once the figure nears the viewport. */
export function MermaidSlot({ code }: { code: string }) {
  return <MermaidDiagram code={code} />;
}
