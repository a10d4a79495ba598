'use strict';
/*
 * PNG and SVG of the current view. The PNG is cytoscape's own rendering; the SVG is built here from the
 * drawn nodes' positions and the edges between them (there is no cytoscape SVG plugin among the WebJars),
 * with every label set as text through the DOM, so the serializer escapes it.
 */
window.infrapivotExport = (function () {
  const SVG = 'http://www.w3.org/2000/svg';

  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function png(cy, name) {
    const blob = cy.png({ output: 'blob', full: false, bg: '#ffffff', scale: 2 });
    download(blob, name + '.png');
    return blob;
  }

  function svgText(cy) {
    const ext = cy.extent();
    const pad = 20;
    const doc = document.implementation.createDocument(SVG, 'svg', null);
    const svg = doc.documentElement;
    const w = Math.max(1, ext.w) + 2 * pad;
    const h = Math.max(1, ext.h) + 2 * pad;
    svg.setAttribute('viewBox', (ext.x1 - pad) + ' ' + (ext.y1 - pad) + ' ' + w + ' ' + h);
    svg.setAttribute('width', String(Math.round(w)));
    svg.setAttribute('height', String(Math.round(h)));
    const bg = doc.createElementNS(SVG, 'rect');
    bg.setAttribute('x', String(ext.x1 - pad));
    bg.setAttribute('y', String(ext.y1 - pad));
    bg.setAttribute('width', String(w));
    bg.setAttribute('height', String(h));
    bg.setAttribute('fill', '#ffffff');
    svg.appendChild(bg);
    const inView = (p) => p.x >= ext.x1 - 50 && p.x <= ext.x2 + 50 && p.y >= ext.y1 - 50 && p.y <= ext.y2 + 50;
    cy.edges().not('.hidden').forEach((e) => {
      const a = e.source().position();
      const b = e.target().position();
      if (!inView(a) && !inView(b)) return;
      const line = doc.createElementNS(SVG, 'line');
      line.setAttribute('x1', a.x.toFixed(1));
      line.setAttribute('y1', a.y.toFixed(1));
      line.setAttribute('x2', b.x.toFixed(1));
      line.setAttribute('y2', b.y.toFixed(1));
      line.setAttribute('stroke', '#9aa3b0');
      line.setAttribute('stroke-width', '1');
      const title = doc.createElementNS(SVG, 'title');
      title.textContent = e.data('rel');
      line.appendChild(title);
      svg.appendChild(line);
    });
    // the boxes of "group by" (compound nodes) first, under their members: a rectangle, its label on top
    cy.nodes('.agg').not('.hidden').forEach((n) => {
      const b = n.boundingBox({ includeLabels: false });
      const shape = (tag, attrs) => {
        const e = doc.createElementNS(SVG, tag);
        for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
        svg.appendChild(e);
        return e;
      };
      shape('rect', { x: b.x1.toFixed(1), y: b.y1.toFixed(1), width: b.w.toFixed(1), height: b.h.toFixed(1),
        fill: '#eef3fb', stroke: '#7d93b8' });
      shape('text', { x: ((b.x1 + b.x2) / 2).toFixed(1), y: (b.y1 - 3).toFixed(1), 'font-size': '11',
        'font-family': 'sans-serif', 'text-anchor': 'middle' }).textContent = n.data('label') || '';
    });
    cy.nodes().not('.hidden').not('.agg').forEach((n) => {
      const p = n.position();
      if (!inView(p)) return;
      const g = doc.createElementNS(SVG, 'g');
      const c = doc.createElementNS(SVG, 'circle');
      c.setAttribute('cx', p.x.toFixed(1));
      c.setAttribute('cy', p.y.toFixed(1));
      c.setAttribute('r', (n.width() / 2).toFixed(1));
      c.setAttribute('fill', n.style('background-color'));
      c.setAttribute('stroke', n.style('border-color'));
      c.setAttribute('stroke-width', String(parseFloat(n.style('border-width')) || 0));
      g.appendChild(c);
      const t = doc.createElementNS(SVG, 'text');
      t.setAttribute('x', p.x.toFixed(1));
      t.setAttribute('y', (p.y + n.height() / 2 + 10).toFixed(1));
      t.setAttribute('font-size', '9');
      t.setAttribute('font-family', 'sans-serif');
      t.setAttribute('text-anchor', 'middle');
      t.textContent = n.data('label') || '';
      g.appendChild(t);
      svg.appendChild(g);
    });
    return new XMLSerializer().serializeToString(doc);
  }

  function svg(cy, name) {
    const text = svgText(cy);
    download(new Blob([text], { type: 'image/svg+xml' }), name + '.svg');
    return text;
  }

  return { png: png, svg: svg, svgText: svgText };
})();
