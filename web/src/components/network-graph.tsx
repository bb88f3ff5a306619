import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { NetworkEdge, NetworkNode, NetworkNodeKind } from '../types';

/**
 * The channel graph drawn by cytoscape on a canvas. Labels are the chat's title or handle in a
 * font stack with Arabic glyphs (canvas text does not inherit the page's CSS), and the canvas
 * shapes and orders Arabic itself, so a title reads right in either page direction. The
 * container carries the drawn counts as data attributes for tests and assistive summaries.
 */

export const KIND_COLOURS: Record<NetworkNodeKind, string> = {
  channel: '#2563eb',
  group: '#059669',
  bot: '#9333ea',
  site: '#6b7280',
  invite: '#d97706',
};

const LABEL_FONTS = '"Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", system-ui, sans-serif';

export function nodeLabel(node: NetworkNode): string {
  return node.title ?? (node.handle === undefined ? node.id : `@${node.handle}`);
}

function elements(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[]): ElementDefinition[] {
  const ids = new Set(nodes.map((n) => n.id));
  return [
    ...nodes.map((n) => ({
      data: { id: n.id, label: nodeLabel(n), kind: n.kind, closed: n.closedAt === undefined ? 0 : 1 },
    })),
    ...edges
      .filter((e) => ids.has(e.from) && ids.has(e.to))
      .map((e) => ({
        data: { id: `${e.kind}:${e.from}>${e.to}`, source: e.from, target: e.to, kind: e.kind, count: e.count },
      })),
  ];
}

const STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': LABEL_FONTS,
      'font-size': 14,
      'text-wrap': 'ellipsis',
      'text-max-width': '160px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      color: '#111827',
      width: 22,
      height: 22,
    },
  },
  ...Object.entries(KIND_COLOURS).map(([kind, colour]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': colour },
  })),
  { selector: 'node[closed = 1]', style: { 'border-width': 4, 'border-color': '#dc2626', 'border-style': 'dashed' } },
  { selector: 'node:selected', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.35 } },
  {
    selector: 'edge',
    style: {
      width: 'mapData(count, 1, 20, 1.5, 6)',
      'line-color': '#9ca3af',
      'target-arrow-color': '#9ca3af',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
    },
  },
] as cytoscape.StylesheetJson;

/** A circle keeps a handful of chats and their labels apart; force-directed reads better past that. */
function layoutFor(count: number): cytoscape.LayoutOptions {
  if (count <= 12) return { name: 'circle', animate: false, padding: 30, radius: 100 + count * 15 };
  return { name: 'cose', animate: false, padding: 30, nodeRepulsion: () => 40_000, idealEdgeLength: () => 90 };
}

export interface NetworkGraphProps {
  nodes: readonly NetworkNode[];
  edges: readonly NetworkEdge[];
  onSelect: (id: string | undefined) => void;
  label: string;
}

export function NetworkGraph({ nodes, edges, onSelect, label }: NetworkGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  useEffect(() => {
    if (container.current === null) return;
    const cy: Core = cytoscape({
      container: container.current,
      elements: elements(nodes, edges),
      style: STYLE,
      layout: layoutFor(nodes.length),
      // A small graph would otherwise be zoomed to fill the box, with labels too big to read.
      maxZoom: 1.2,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (event) => select.current(event.target.id() as string));
    cy.on('tap', (event) => {
      if (event.target === cy) select.current(undefined);
    });
    container.current.dataset.nodeCount = String(cy.nodes().length);
    container.current.dataset.edgeCount = String(cy.edges().length);
    return () => cy.destroy();
  }, [nodes, edges]);
  return <div ref={container} className="network-graph" role="img" aria-label={label} data-testid="network-graph" />;
}
