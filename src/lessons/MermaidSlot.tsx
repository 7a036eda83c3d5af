import type { ComponentType } from 'react';

interface MermaidDiagramProps {
  code: string;
}

// D2's diagram component loads mermaid itself on demand; the glob keeps this build working without it.
const diagramModules = import.meta.glob<{ MermaidDiagram: ComponentType<MermaidDiagramProps> }>('../diagrams/MermaidDiagram.tsx', { eager: true });
const MermaidDiagram = Object.values(diagramModules)[0]?.MermaidDiagram ?? null;

/** A ```mermaid block: D2's lazy diagram, or its source as a readable fallback. */
export function MermaidSlot({ code }: { code: string }) {
  if (MermaidDiagram) return <MermaidDiagram code={code} />;
  return (
    <figure className="diagram-fallback">
      <pre>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
