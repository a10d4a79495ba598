'use strict';
/*
 * The infrapivot page: the case as a graph (cytoscape), a table of the same nodes, filters, a timeline, an
 * inspector, and runs started from a node with their progress streamed (Server-Sent Events).
 * Every string from the case is attacker-controlled: it is only ever set as textContent (or as a
 * cytoscape label, drawn on a canvas); no innerHTML anywhere; links only from the server's validated URL.
 */
(function () {
  if (window.cytoscapeFcose) cytoscape.use(window.cytoscapeFcose);

  const TYPE_STYLE = {
    'domain': ['#2f6fdf', 'round-rectangle'], 'host': ['#5b8ff0', 'ellipse'], 'ip': ['#e07b1a', 'diamond'],
    'cidr': ['#b35f10', 'hexagon'], 'asn': ['#8a4a0b', 'octagon'], 'email': ['#1f9e5a', 'round-triangle'],
    'org': ['#7b3fb5', 'star'], 'person': ['#9b59c9', 'star'], 'phone': ['#b07cd8', 'vee'],
    'cert': ['#0b8f8f', 'rhomboid'], 'hash': ['#6b6b6b', 'tag'], 'file': ['#444444', 'tag'],
    'url': ['#c0392b', 'round-tag'], 'analytics-id': ['#d4a000', 'barrel']
  };
  const LIST_MAX = 2000;
  /** Members of a folded group drawn per click. */
  const GROUP_PAGE = 100;
  /** Above this many nodes the first layout is concentric (fast); a force layout runs on request. */
  const BIG = 2500;
  const WEBGL = new URLSearchParams(location.search).get('renderer') === 'webgl';
  const BIDI_AND_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

  const S = {
    caseName: null, cy: null, summary: null, nodes: new Map(), edges: new Map(), groups: new Map(),
    times: { min: null, max: null }, shown: new Set(), sort: { key: 'score', dir: -1 }, selected: null, runs: new Map(),
    filters: { types: new Set(), marks: new Set(), relations: new Set(), sources: new Set() },
    unchecked: { types: new Set(), marks: new Set(), relations: new Set(), sources: new Set() }, known: {
      types: new Set(), marks: new Set(), relations: new Set(), sources: new Set() }
  };
  const $ = (id) => document.getElementById(id);

  /** Control and bidi-override characters made visible, so a name cannot reorder or hide what is around it. */
  function visible(s) {
    if (s === null || s === undefined) return '';
    return String(s).replace(BIDI_AND_CONTROLS, (c) => '⟨U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') + '⟩');
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = visible(text);
    return e;
  }
  function day(ms) {
    return ms === null || ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10);
  }
  function status(text) {
    $('status').textContent = visible(text);
  }

  async function api(path, body) {
    const opts = { credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      opts.method = 'POST';
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(path, opts);
    if (!r.ok) throw new Error((await r.text()).trim() || ('HTTP ' + r.status));
    return r.json();
  }
  const q = (params) => Object.entries(params).map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');

  // ---- the graph ----

  function nodeLabel(n) {
    let v = visible(n.value);
    if (v.length > 40) v = v.slice(0, 38) + '…';
    return v;
  }

  const NODE_LABEL = { 'label': 'data(label)', 'font-size': 9, 'text-valign': 'bottom', 'text-margin-y': 3,
    'min-zoomed-font-size': 7, 'color': '#222', 'text-max-width': 160, 'text-wrap': 'ellipsis' };
  const EDGE_LABEL = { 'label': 'data(rel)', 'font-size': 7, 'color': '#667', 'min-zoomed-font-size': 9,
    'text-rotation': 'autorotate' };

  function makeCy() {
    const big = S.nodes.size > 1500;
    S.userLayout = false;
    S.cy = cytoscape({
      container: $('cy'),
      minZoom: 0.02, maxZoom: 4,
      hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : 'auto',
      // ?renderer=webgl: cytoscape's experimental WebGL renderer for a large case (bench/web/README.md)
      ...(big && WEBGL ? { renderer: { name: 'canvas', webgl: true } } : {}),
      style: [
        // a large case: no label is measured or drawn but the seeds', the selection's, the search's and the groups';
        // the label properties are not even set on the others (every property set on an element costs at its first
        // frame)
        { selector: 'node', style: Object.assign({ 'background-color': '#888', 'shape': 'ellipse', 'width': 18, 'height': 18 },
          big ? {} : NODE_LABEL) },
        ...(big ? [{ selector: 'node.seed, node:selected, node.match, node.path, node.group', style: NODE_LABEL }] : []),
        ...Object.entries(TYPE_STYLE).map(([type, [colour, shape]]) => (
          { selector: 'node.t-' + type, style: { 'background-color': colour, 'shape': shape } })),
        { selector: 'node.seed', style: { 'border-width': 4, 'border-color': '#11a04a', 'width': 26, 'height': 26, 'font-weight': 'bold' } },
        { selector: 'node.marked', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#d2691e', 'background-opacity': 0.55 } },
        { selector: 'node.group', style: { 'shape': 'round-rectangle', 'background-color': '#f0e0c0', 'border-width': 2,
          'border-color': '#b07a2a', 'width': 'data(size)', 'height': 'data(size)', 'text-valign': 'center',
          'font-size': 10, 'text-margin-y': 0 } },
        { selector: 'node.agg', style: { 'shape': 'round-rectangle', 'background-color': '#eef3fb', 'background-opacity': 0.6,
          'border-width': 1, 'border-color': '#7d93b8', 'label': 'data(label)', 'text-valign': 'top', 'text-halign': 'center',
          'font-size': 11, 'font-weight': 'bold', 'color': '#334', 'padding': 10, 'text-margin-y': -2 } },
        { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#333' } },
        { selector: 'edge', style: Object.assign({ 'width': 1, 'line-color': '#aab2bf', 'curve-style': 'haystack' },
          big ? {} : EDGE_LABEL) },
        { selector: '.hidden', style: { 'display': 'none' } },
        { selector: '.faded', style: { 'opacity': 0.15 } },
        { selector: 'node.match', style: { 'overlay-color': '#ffd000', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
        { selector: '.path', style: { 'line-color': '#e02060', 'width': 3, 'border-color': '#e02060', 'border-width': 3, 'z-index': 9 } },
        { selector: 'node:selected', style: { 'overlay-color': '#2f6fdf', 'overlay-opacity': 0.3, 'overlay-padding': 5 } }
      ]
    });
    S.cy.on('tap', 'node', (ev) => {
      const n = ev.target;
      if (n.hasClass('group')) openGroup(n.id());
      else if (n.hasClass('agg')) select(n.data('anchor'));
      else select(n.id());
    });
    S.cy.on('dbltap', 'node', (ev) => {
      const n = ev.target;
      if (n.locked()) { n.unlock(); n.removeClass('pinned'); } else { n.lock(); n.addClass('pinned'); }
    });
    S.cy.on('dragfree', 'node', (ev) => { ev.target.lock(); ev.target.addClass('pinned'); });
  }

  function elementsFromState() {
    const els = [];
    for (const n of S.nodes.values()) els.push(nodeElement(n));
    for (const g of S.groups.values()) els.push(groupElement(g));
    for (const e of S.edges.values()) {
      if (S.nodes.has(e.s) && S.nodes.has(e.t)) els.push(edgeElement(e));
    }
    for (const g of S.groups.values()) {
      if (g.hub && S.nodes.has(g.hub)) els.push({ group: 'edges', data: { id: 'ge:' + g.id, source: g.hub, target: g.id, rel: g.rel } });
      (g.links || []).forEach((l, k) => {
        if (S.nodes.has(l.s)) els.push({ group: 'edges', data: { id: 'ge:' + g.id + ':' + k, source: l.s, target: g.id, rel: '' } });
      });
    }
    return els;
  }
  function nodeElement(n) {
    const cls = [TYPE_STYLE[n.type] ? 't-' + n.type : 't-other'];
    if (n.seed) cls.push('seed');
    if (n.marks && n.marks.length) cls.push('marked');
    return { group: 'nodes', data: { id: n.id, type: n.type, label: nodeLabel(n) }, classes: cls.join(' ') };
  }
  function groupElement(g) {
    return { group: 'nodes', data: { id: g.id, type: 'group', label: groupLabel(g),
      size: Math.min(90, 30 + Math.log2(g.count + 1) * 6) }, classes: 'group' };
  }
  /** "250 domain (co-hosted)", then how many are open and what the next click does. */
  function groupLabel(g) {
    const what = g.count + ' ' + g.type + ' (' + g.rel + (g.aggregate ? ' ' + visible(g.anchor_value) : '') + ')';
    if (!g.members || !g.members.size) return what;
    return g.members.size + ' of ' + what + ' shown · click: ' + (g.next < 0 ? 'fold back' : 'next ' + GROUP_PAGE);
  }
  function edgeElement(e) {
    return { group: 'edges', data: { id: e.id, source: e.s, target: e.t, rel: e.rel } };
  }

  function layoutOptions(name, count) {
    const seeds = S.cy.nodes('.seed');
    if (S.aggregate) name = 'fcose'; // the one layout here that keeps compound nodes' members together
    if (name === 'concentric' && count > BIG) {
      // rings by tie to the seeds, without the overlap checks a large case cannot afford
      return { name: 'concentric', animate: false, minNodeSpacing: 2, avoidOverlap: false,
        concentric: (n) => n.hasClass('seed') ? 1000 : n.degree(), levelWidth: () => 4 };
    }
    if (name === 'concentric') {
      return { name: 'concentric', animate: false, minNodeSpacing: 6,
        concentric: (n) => n.hasClass('seed') ? 100 : (S.nodes.get(n.id()) || {}).score || 0, levelWidth: () => 2 };
    }
    if (name === 'breadthfirst') {
      return { name: 'breadthfirst', animate: false, directed: false, spacingFactor: 0.9,
        roots: seeds.length ? seeds : undefined };
    }
    if (!window.cytoscapeFcose) return { name: 'cose', animate: false };
    if (count > BIG && !S.userLayout && !S.aggregate && !S.askedLayout) {
      // a large case opens at once on rings placed as its elements were added (placeOnRings); the force layout is
      // a click away
      return { name: 'preset', fit: false };
    }
    const big = count > 1500;
    return { name: 'fcose', animate: false, randomize: true, quality: big ? 'draft' : 'default',
      numIter: big ? 600 : 2500, nodeRepulsion: 6000, idealEdgeLength: 60, packComponents: true,
      fixedNodeConstraint: S.cy.nodes('.pinned').map((n) => ({ nodeId: n.id(), position: n.position() })) };
  }

  /**
   * Positions for a large case, set on the elements before they are added (no layout pass over 5,000 nodes):
   * seeds in the middle, then rings outwards by degree, each ring as full as its circumference allows.
   */
  function placeOnRings(els) {
    const nodes = els.filter((e) => e.group === 'nodes');
    const weight = (e) => {
      const n = S.nodes.get(e.data.id);
      if (n) return n.seed ? Infinity : (n.degree || 0);
      const g = S.groups.get(e.data.id);
      return g ? g.count : 0;
    };
    const w = new Map(nodes.map((e) => [e, weight(e)]));
    nodes.sort((a, b) => w.get(b) - w.get(a));
    const gap = 30;
    let placed = 0, radius = 0, outer = 0;
    while (placed < nodes.length) {
      const room = radius === 0 ? 1 : Math.floor(2 * Math.PI * radius / gap);
      const take = Math.min(room, nodes.length - placed);
      for (let k = 0; k < take; k++) {
        const angle = 2 * Math.PI * k / take + radius * 0.01;
        nodes[placed + k].position = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
      }
      placed += take;
      outer = radius;
      radius += gap;
    }
    S.ringRadius = outer;
  }

  /** The viewport that shows the rings whole, computed from their radius (no bounding box over every element). */
  function fitRings() {
    const w = S.cy.width(), h = S.cy.height();
    const r = S.ringRadius + 30;
    const zoom = Math.max(S.cy.minZoom(), Math.min(S.cy.maxZoom(), Math.min(w, h) / (2 * r)));
    S.cy.viewport({ zoom: zoom, pan: { x: w / 2, y: h / 2 } });
  }

  function layout(done) {
    const vis = S.cy.elements().not('.hidden');
    const options = layoutOptions($('layout-select').value, vis.nodes().length);
    if (options.name !== 'preset') S.ringRadius = undefined; // the rings are gone: fit to what is drawn
    const l = vis.layout(options);
    l.one('layoutstop', () => {
      if (window.infrapivotStages) window.infrapivotStages.layout = Math.round(performance.now() - S.loadStart);
      if (options.name === 'preset' && S.ringRadius !== undefined) fitRings();
      else S.cy.fit(vis, 20);
      if (done) done();
    });
    l.run();
  }

  /**
   * Reads the graph again, a failure said on the status line (resolves to false), never an unhandled rejection:
   * Firefox reports those as page errors, e.g. for a fetch cut short by leaving the page.
   */
  function reload() {
    return loadGraph().then(() => true, (e) => { status('cannot load: ' + e.message); return false; });
  }

  async function loadGraph() {
    const t0 = performance.now();
    status('loading…');
    // past the server's node limit, the grouping chosen is made there: one node per ASN / registrant
    const by = $('aggregate-select').value;
    const g = await api('/api/graph?' + q(by === 'asn' || by === 'registrant' ? { case: S.caseName, by: by } : { case: S.caseName }));
    const t1 = performance.now();
    S.loadStart = t1;
    S.summary = g.summary;
    S.nodes = new Map(g.nodes.map((n) => [n.id, n]));
    S.edges = new Map(g.edges.map((e) => [e.id, e]));
    S.groups = new Map(g.groups.map((x) => [x.id, Object.assign(x, { members: new Set(), next: 0 })]));
    S.aggregates = g.aggregates || { asn: [], registrant: [] };
    if (S.cy) S.cy.destroy();
    const stages = {};
    const mark = (k) => { stages[k] = Math.round(performance.now() - t1); };
    makeCy();
    const els = elementsFromState();
    S.ringRadius = undefined;
    if (S.nodes.size + S.groups.size > BIG && !S.askedLayout) placeOnRings(els);
    mark('elements');
    // nodes first, styled at once, then edges: cytoscape styles lazily (at the first frame), and every property
    // set on a node then walks its edges; a node styled before it has edges walks none (most of a large case's
    // first frame went there)
    const added = S.cy.add(els.filter((e) => e.group === 'nodes'));
    if (typeof added.cleanStyle === 'function') added.cleanStyle();
    S.cy.add(els.filter((e) => e.group === 'edges'));
    mark('add');
    S.aggregate = null;
    if (by !== 'none' && !S.summary.aggregated_by) aggregate(by, false);
    collectKnown();
    buildFilters();
    resetTimeline();
    mark('filters');
    applyFilters(false);
    mark('apply');
    window.infrapivotStages = stages;
    const t2 = performance.now();
    return new Promise((resolve) => {
      layout(() => {
        requestAnimationFrame(() => {
          const t3 = performance.now();
          window.infrapivotTimings = { fetch: t1 - t0, build: t2 - t1, layout: t3 - t2, total: t3 - t0,
            nodes: S.cy.nodes().length, edges: S.cy.edges().length };
          document.body.dataset.ready = 'true';
          status('');
          resolve();
        });
      });
    });
  }

  function updateCounts() {
    $('count-indicators').textContent = String(S.summary ? S.summary.indicators : 0);
    $('count-drawn').textContent = String(S.nodes.size);
    $('count-folded').textContent = String(S.summary ? S.summary.folded : 0);
    $('count-visible').textContent = String(S.shown ? S.shown.size : 0);
  }

  // ---- aggregates: compound nodes by ASN or by registrant ----

  /**
   * Draws each aggregate the server found (an ASN with the addresses it announces, a registrant with its names)
   * as a compound node around its members, or none; then lays the graph out again so members sit together.
   */
  function aggregate(kind, relayout) {
    S.aggregate = kind;
    S.cy.batch(() => {
      const parents = S.cy.nodes('.agg');
      if (parents.length) {
        parents.children().move({ parent: null });
        parents.remove();
      }
      if (kind !== 'asn' && kind !== 'registrant') return;
      for (const a of S.aggregates[kind] || []) {
        S.cy.add({ group: 'nodes', data: { id: 'agg:' + a.id, anchor: a.id, type: 'agg',
          label: visible(a.value) + ' · ' + a.count }, classes: 'agg' });
      }
      const moves = new Map();
      for (const n of S.nodes.values()) {
        const anchor = n[kind];
        if (!anchor || !S.cy.getElementById('agg:' + anchor).length) continue;
        if (!moves.has(anchor)) moves.set(anchor, []);
        moves.get(anchor).push(n.id);
      }
      for (const [anchor, ids] of moves) {
        S.cy.collection(ids.map((id) => S.cy.getElementById(id)).filter((c) => c.length)).move({ parent: 'agg:' + anchor });
      }
    });
    applyFilters(true);
    if (relayout) layout();
  }

  // ---- filters and the timeline ----

  function collectKnown() {
    const k = S.known;
    for (const set of Object.values(k)) set.clear();
    let min = null, max = null;
    const widen = (a, b) => {
      if (a !== null && a !== undefined) { min = min === null ? a : Math.min(min, a); max = max === null ? a : Math.max(max, a); }
      if (b !== null && b !== undefined) { min = min === null ? b : Math.min(min, b); max = max === null ? b : Math.max(max, b); }
    };
    for (const n of S.nodes.values()) {
      k.types.add(n.type);
      (n.marks || []).forEach((m) => k.marks.add(m.rule));
      (n.sources || []).forEach((s) => k.sources.add(s));
      widen(n.first, n.last);
    }
    for (const e of S.edges.values()) { k.relations.add(e.rel); widen(e.first, e.last); }
    for (const g of S.groups.values()) { if (g.hub) k.relations.add(g.rel); k.types.add(g.type); widen(g.first, g.last); }
    S.times = { min: min, max: max };
  }

  function buildFilters() {
    const groups = [['types', 'filter-type', 'type'], ['marks', 'filter-mark', 'mark'],
      ['relations', 'filter-relation', 'relation'], ['sources', 'filter-source', 'source']];
    for (const [key, id, kind] of groups) {
      const fs = $(id);
      while (fs.children.length > 1) fs.lastChild.remove();
      const values = [...S.known[key]].sort();
      S.filters[key] = new Set(values.filter((v) => !S.unchecked[key].has(v)));
      for (const v of values) {
        const label = el('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = S.filters[key].has(v);
        box.dataset.filter = kind;
        box.value = v;
        box.addEventListener('change', () => {
          if (box.checked) { S.filters[key].add(v); S.unchecked[key].delete(v); } else { S.filters[key].delete(v); S.unchecked[key].add(v); }
          applyFilters(true);
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(' ' + visible(v)));
        fs.appendChild(label);
      }
    }
  }

  function resetTimeline() {
    $('time-from').value = '0';
    $('time-to').value = '1000';
    timeLabels();
  }
  function sliderTime(id) {
    const { min, max } = S.times;
    if (min === null) return null;
    const v = Number($(id).value) / 1000;
    return Math.round(min + (max - min) * v);
  }
  function timeLabels() {
    $('time-from-label').textContent = S.times.min === null ? 'no dates' : day(sliderTime('time-from'));
    $('time-to-label').textContent = S.times.min === null ? '' : day(sliderTime('time-to'));
  }
  function inWindow(first, last, from, to) {
    if (from === null) return true;
    if (first !== null && first !== undefined && first > to) return false;
    if (last !== null && last !== undefined && last < from) return false;
    return true;
  }
  function anyIn(list, set) {
    if (!list || !list.length) return true;
    return list.some((x) => set.has(x));
  }

  /** Which nodes and edges pass the filters; applied as a class, then the table is rebuilt. */
  function applyFilters(rebuildList) {
    const from = sliderTime('time-from'), to = sliderTime('time-to');
    const full = $('time-from').value === '0' && $('time-to').value === '1000';
    const hideMarked = $('hide-marked').checked;
    const collapse = $('collapse-leaves').checked;
    const f = S.filters;
    const nodeOk = new Map();
    for (const n of S.nodes.values()) {
      let ok = f.types.has(n.type) && anyIn(n.sources, f.sources);
      if (n.marks && n.marks.length) ok = ok && !hideMarked && n.marks.some((m) => f.marks.has(m.rule));
      if (collapse && !n.seed && n.degree !== undefined && n.degree <= 1) ok = false;
      nodeOk.set(n.id, ok);
    }
    const edgeOk = new Map();
    const touched = new Set();
    const shown = new Set();
    S.shown = shown;
    for (const e of S.edges.values()) {
      const ok = nodeOk.get(e.s) && nodeOk.get(e.t) && f.relations.has(e.rel) && anyIn(e.sources, f.sources)
        && (full || inWindow(e.first, e.last, from, to));
      edgeOk.set(e.id, !!ok);
      if (ok) { touched.add(e.s); touched.add(e.t); }
    }
    S.cy.batch(() => {
      S.cy.nodes().forEach((c) => {
        if (c.hasClass('agg')) return;
        if (c.hasClass('group')) {
          const g = S.groups.get(c.id());
          const ok = g && (g.hub ? nodeOk.get(g.hub) && f.relations.has(g.rel) : true) && f.types.has(g.type)
            && (full || inWindow(g.first, g.last, from, to));
          c.toggleClass('hidden', !ok);
          return;
        }
        const n = S.nodes.get(c.id());
        let ok = n && nodeOk.get(n.id);
        if (ok && !full) ok = n.seed || touched.has(n.id) || (!n.degree && inWindow(n.first, n.last, from, to));
        if (ok) shown.add(n.id);
        c.toggleClass('hidden', !ok);
      });
      S.cy.nodes('.agg').forEach((c) => { c.toggleClass('hidden', !c.children().some((x) => !x.hasClass('hidden'))); });
      S.cy.edges().forEach((c) => {
        if (c.id().startsWith('ge:')) { c.toggleClass('hidden', c.target().hasClass('hidden') || c.source().hasClass('hidden')); return; }
        c.toggleClass('hidden', !edgeOk.get(c.id()) || c.source().hasClass('hidden') || c.target().hasClass('hidden'));
      });
    });
    search(false);
    updateCounts();
  }

  function search(center) {
    const text = $('search').value.trim().toLowerCase();
    S.cy.batch(() => {
      S.cy.nodes().removeClass('match faded');
      if (!text) return;
      S.cy.nodes().forEach((c) => {
        if (!S.shown.has(c.id())) return;
        const n = S.nodes.get(c.id());
        const hit = n && n.value.toLowerCase().includes(text);
        c.toggleClass('match', !!hit);
        c.toggleClass('faded', !hit);
      });
    });
    if (center) {
      const m = S.cy.nodes('.match');
      if (m.length) S.cy.animate({ fit: { eles: m, padding: 60 } }, { duration: 200 });
    }
    buildList();
  }

  // ---- the list ----

  function listRows() {
    const text = $('search').value.trim().toLowerCase();
    const rows = [];
    for (const id of S.shown) {
      const n = S.nodes.get(id);
      if (!n) continue;
      if (text && !n.value.toLowerCase().includes(text)) continue;
      rows.push(n);
    }
    const { key, dir } = S.sort;
    const val = (n) => key === 'marks' ? (n.marks || []).map((m) => m.rule).join(',') : n[key];
    rows.sort((a, b) => {
      const x = val(a), y = val(b);
      if (x === y) return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      if (x === undefined || x === null) return 1;
      if (y === undefined || y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    return rows;
  }

  function buildList() {
    const body = $('list-body');
    const rows = listRows();
    const frag = document.createDocumentFragment();
    for (const n of rows.slice(0, LIST_MAX)) {
      const tr = document.createElement('tr');
      tr.tabIndex = -1;
      tr.dataset.id = n.id;
      if (S.selected === n.id) tr.className = 'selected';
      tr.appendChild(el('td', null, n.type));
      const v = el('td', 'value', n.value);
      if (n.seed) v.appendChild(el('span', 'mark seedtag', 'seed'));
      tr.appendChild(v);
      tr.appendChild(el('td', null, (n.marks || []).map((m) => m.rule).join(', ')));
      tr.appendChild(el('td', null, day(n.first)));
      tr.appendChild(el('td', null, day(n.last)));
      tr.appendChild(el('td', null, n.score === undefined ? '' : String(n.score)));
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    const first = body.querySelector('tr.selected') || body.firstElementChild;
    if (first) first.tabIndex = 0;
    $('list-note').textContent = rows.length > LIST_MAX ? 'the first ' + LIST_MAX + ' of ' + rows.length + ' rows are listed; filter or search to narrow'
      : rows.length + ' rows';
  }

  function setupList() {
    const body = $('list-body');
    body.addEventListener('click', (ev) => {
      const tr = ev.target.closest('tr');
      if (tr) { select(tr.dataset.id, true); focusRow(tr); }
    });
    body.addEventListener('keydown', (ev) => {
      const tr = ev.target.closest('tr');
      if (!tr) return;
      let next = null;
      if (ev.key === 'ArrowDown') next = tr.nextElementSibling;
      else if (ev.key === 'ArrowUp') next = tr.previousElementSibling;
      else if (ev.key === 'Home') next = body.firstElementChild;
      else if (ev.key === 'End') next = body.lastElementChild;
      else if (ev.key === 'Enter' || ev.key === ' ') { select(tr.dataset.id, true); ev.preventDefault(); return; }
      if (next) { focusRow(next); ev.preventDefault(); }
    });
    document.querySelectorAll('#list th button').forEach((b) => b.addEventListener('click', () => {
      const key = b.dataset.sort;
      S.sort = { key: key, dir: S.sort.key === key ? -S.sort.dir : 1 };
      document.querySelectorAll('#list th').forEach((th) => th.removeAttribute('aria-sort'));
      b.parentElement.setAttribute('aria-sort', S.sort.dir === 1 ? 'ascending' : 'descending');
      buildList();
    }));
  }
  function focusRow(tr) {
    $('list-body').querySelectorAll('tr[tabindex="0"]').forEach((r) => { r.tabIndex = -1; });
    tr.tabIndex = 0;
    tr.focus();
  }

  // ---- the inspector ----

  async function select(id, center) {
    S.selected = id;
    S.cy.elements('.path').removeClass('path');
    S.cy.$(':selected').unselect();
    const c = S.cy.getElementById(id);
    if (c.length) { c.select(); if (center) S.cy.animate({ center: { eles: c } }, { duration: 150 }); }
    $('list-body').querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'));
    const row = [...$('list-body').children].find((r) => r.dataset.id === id);
    if (row) row.classList.add('selected');
    const box = $('inspector');
    box.replaceChildren(el('p', 'hint', 'loading…'));
    let about;
    try {
      about = await api('/api/node?' + q({ case: S.caseName, id: id }));
    } catch (e) {
      box.replaceChildren(el('p', 'hint', 'cannot read it: ' + e.message));
      return;
    }
    if (S.selected !== id) return;
    renderInspector(about);
  }

  function renderInspector(a) {
    const box = $('inspector');
    box.replaceChildren();
    const h = el('h2');
    h.appendChild(el('span', null, a.type + ' '));
    h.appendChild(el('span', 'value', a.value));
    h.id = 'inspector-title';
    box.appendChild(h);
    const tags = el('p');
    if (a.seed) tags.appendChild(el('span', 'mark seedtag', 'seed'));
    for (const m of a.marks) {
      const t = el('span', 'mark', m.rule + (m.count ? ' (' + m.count + ')' : ''));
      t.title = visible(m.reason);
      tags.appendChild(t);
      tags.appendChild(el('span', null, ' ' + m.reason + ' '));
    }
    box.appendChild(tags);
    if (typeof a.href === 'string' && /^https?:\/\//i.test(a.href)) {
      const link = document.createElement('a');
      link.href = a.href; // the server sends it only for a parsed URL indicator
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = 'open the URL (' + visible(a.href) + ')';
      box.appendChild(link);
    }
    box.appendChild(actions(a));
    // why
    box.appendChild(el('h3', null, 'why it is in the case'));
    if (!a.why.length) box.appendChild(el('p', 'hint', 'no path from a seed (or it is marked and ends paths)'));
    else {
      const ul = el('ul', 'paths');
      a.why.forEach((path, i) => {
        const li = el('li');
        if (!path.length) li.textContent = 'a seed';
        else {
          const b = el('button', 'linkish', path.map((x) => x.rel).join(' → ') + ' from ' + path[0].from);
          b.addEventListener('click', () => highlightPath(path));
          li.appendChild(b);
        }
        ul.appendChild(li);
        if (i === 0 && path.length) highlightPath(path);
      });
      box.appendChild(ul);
    }
    if (a.facts.some((f) => f.relation === 'registration' && f.subject === a.id)) {
      const reg = el('section', 'registration');
      reg.id = 'registration';
      reg.appendChild(el('h3', null, 'registration'));
      reg.appendChild(el('p', 'hint', 'loading…'));
      box.appendChild(reg);
      api('/api/registration?' + q({ case: S.caseName, id: a.id }))
        .then((r) => { if (S.selected === a.id) renderRegistration(reg, r); })
        .catch((e) => reg.replaceChildren(el('p', 'hint', 'registration: ' + e.message)));
    }
    // facts by section
    const sections = new Map();
    for (const f of a.facts) {
      if (!sections.has(f.section)) sections.set(f.section, []);
      sections.get(f.section).push(f);
    }
    for (const [section, facts] of sections) {
      box.appendChild(el('h3', null, section + ' (' + facts.length + ')'));
      const t = el('table', 'facts');
      const head = el('tr');
      ['relation', 'value or other end', 'sources', 'seen · learned', 'evidence']
        .forEach((x) => head.appendChild(el('th', null, x)));
      t.appendChild(head);
      for (const f of facts) {
        const tr = el('tr');
        tr.className = 'fact';
        const dir = f.subject === a.id ? '' : '← ';
        tr.appendChild(el('td', null, dir + f.relation));
        const v = el('td', 'v');
        const other = f.subject === a.id ? f.object : f.subject;
        if (other) {
          const b = el('button', 'linkish', other);
          b.addEventListener('click', () => select(other, true));
          v.appendChild(b);
        }
        if (f.value !== undefined) v.appendChild(el('span', 'factvalue', f.value));
        tr.appendChild(v);
        tr.appendChild(el('td', null, f.sources.join(', ')));
        const seen = f.first_seen === null && f.last_seen === null ? '' : day(f.first_seen)
          + (f.last_seen !== f.first_seen ? ' – ' + day(f.last_seen) : '');
        // seen and learned in one column, so the six facts' columns fit the side panel at 1366 px wide
        const when = el('td', 'seen');
        when.appendChild(el('span', null, seen + (f.count === undefined ? '' : ' ×' + f.count)));
        when.appendChild(el('span', 'learned', 'learned ' + day(f.learned)));
        tr.appendChild(when);
        const ev = el('td');
        for (const id of f.evidence) {
          const b = el('button', 'linkish', '#' + id);
          b.addEventListener('click', () => showEvidence(id));
          ev.appendChild(b);
          ev.appendChild(document.createTextNode(' '));
        }
        tr.appendChild(ev);
        t.appendChild(tr);
      }
      box.appendChild(t);
    }
    if (a.lookups.length) {
      box.appendChild(el('h3', null, 'lookups (' + a.lookups.length + ')'));
      const ul = el('ul');
      for (const l of a.lookups) {
        ul.appendChild(el('li', null, day(l.finished) + ' ' + l.source + ': ' + l.outcome + ' · ' + l.facts + ' facts'
          + (l.message ? ' · ' + l.message : '')));
      }
      box.appendChild(ul);
    }
  }

  /** The latest registration record summarised, then what changed from one stored record to the next. */
  function renderRegistration(box, r) {
    box.replaceChildren(el('h3', null, 'registration (' + r.records + ' record' + (r.records === 1 ? '' : 's') + ', '
      + r.step_count + ' with changes)'));
    if (!r.latest) return;
    box.appendChild(el('p', 'hint', 'latest: ' + day(r.latest.at) + ' [' + r.latest.source + ']'
      + (r.records > 1 ? ' · first: ' + day(r.first.at) + ' [' + r.first.source + ']' : '')));
    const sum = el('ul', 'regsummary');
    for (const line of r.latest.summary) sum.appendChild(el('li', null, line));
    box.appendChild(sum);
    if (!r.steps.length) return;
    box.appendChild(el('h3', null, 'registration changes' + (r.step_count > r.steps.length ? ' (the last ' + r.steps.length + ')' : '')));
    const steps = el('ol', 'regsteps');
    for (const step of r.steps) {
      const li = el('li', null, day(step.at) + ' [' + step.source + ']');
      const ul = el('ul');
      for (const c of step.changes) {
        const x = el('li', 'regchange');
        x.appendChild(el('span', 'field', c.field + ': '));
        x.appendChild(el('span', 'before', c.before === null ? '(none)' : c.before));
        x.appendChild(document.createTextNode(' → '));
        x.appendChild(el('span', 'after', c.after === null ? '(none)' : c.after));
        ul.appendChild(x);
      }
      li.appendChild(ul);
      steps.appendChild(li);
    }
    box.appendChild(steps);
  }

  function highlightPath(path) {
    S.cy.elements('.path').removeClass('path');
    for (const hop of path) {
      S.cy.getElementById(hop.from).addClass('path');
      S.cy.getElementById(hop.to).addClass('path');
      if (hop.edge) S.cy.getElementById(hop.edge).addClass('path');
    }
  }

  async function showEvidence(id) {
    const sec = $('evidence');
    sec.hidden = false;
    $('evidence-meta').textContent = 'loading…';
    $('evidence-text').textContent = '';
    try {
      const e = await api('/api/evidence?' + q({ case: S.caseName, id: id }));
      $('evidence-meta').textContent = visible('#' + e.id + ' · ' + e.source + ' · ' + (e.content_type || '') + ' · '
        + (e.status || '') + ' · ' + e.size + ' bytes · ' + (e.decoded ? 'DNS packet decoded · ' : '') + 'request: ' + e.request);
      $('evidence-text').textContent = visible(e.text !== undefined ? e.text : e.hex) + (e.truncated ? '\n… (cut)' : '');
    } catch (err) {
      $('evidence-meta').textContent = 'cannot read it: ' + err.message;
    }
  }

  // ---- acting on a node ----

  function actions(a) {
    const box = el('div', 'actions');
    const fs = el('fieldset');
    fs.appendChild(el('legend', null, 'look it up'));
    const list = el('div');
    list.id = 'source-choices';
    fs.appendChild(list);
    const activeLabel = el('label');
    const active = document.createElement('input');
    active.type = 'checkbox';
    active.id = 'allow-active';
    activeLabel.appendChild(active);
    activeLabel.appendChild(document.createTextNode(' allow active sources (touch the target)'));
    fs.appendChild(activeLabel);
    const go = el('button', null, 'look up');
    go.type = 'button';
    go.id = 'lookup-button';
    fs.appendChild(go);
    box.appendChild(fs);

    const rs = el('fieldset');
    rs.appendChild(el('legend', null, 'run a recipe from it'));
    const recipe = document.createElement('select');
    recipe.id = 'recipe-select';
    recipe.setAttribute('aria-label', 'recipe');
    const depth = document.createElement('input');
    depth.type = 'number'; depth.min = '0'; depth.max = '10'; depth.value = '1'; depth.id = 'recipe-depth';
    depth.setAttribute('aria-label', 'depth');
    const run = el('button', null, 'run');
    run.type = 'button';
    run.id = 'pivot-button';
    rs.appendChild(recipe);
    rs.appendChild(document.createTextNode(' depth '));
    rs.appendChild(depth);
    rs.appendChild(run);
    box.appendChild(rs);

    api('/api/sources?' + q({ case: S.caseName, id: a.id })).then((sources) => {
      for (const s of sources) {
        const l = el('label');
        const b = document.createElement('input');
        b.type = 'checkbox';
        b.value = s.id;
        b.dataset.access = s.access;
        b.checked = !s.unavailable && s.access !== 'active';
        b.disabled = !!s.unavailable || s.access === 'active';
        if (s.unavailable) { l.className = 'unavailable'; l.title = visible(s.unavailable); }
        l.appendChild(b);
        l.appendChild(document.createTextNode(' ' + s.id + (s.access === 'active' ? ' (active)' : '')));
        list.appendChild(l);
      }
      active.addEventListener('change', () => {
        list.querySelectorAll('input[data-access=active]').forEach((b) => {
          b.disabled = !active.checked || b.parentElement.classList.contains('unavailable');
          if (!active.checked) b.checked = false;
        });
      });
    }).catch((e) => list.appendChild(el('span', 'hint', 'sources: ' + e.message)));
    api('/api/recipes').then((names) => {
      for (const n of names) { const o = el('option', null, n); o.value = n; recipe.appendChild(o); }
    }).catch((e) => status('recipes: ' + e.message));
    const chosen = () => [...list.querySelectorAll('input:checked')].map((b) => b.value);
    go.addEventListener('click', () => {
      const sources = chosen();
      if (!sources.length) { status('choose at least one source'); return; }
      startRun('/api/lookup', { case: S.caseName, indicators: [a.id], sources: sources, active: active.checked }, 'lookup ' + a.value);
    });
    run.addEventListener('click', () => {
      startRun('/api/pivot', { case: S.caseName, indicator: a.id, recipe: recipe.value, depth: Number(depth.value),
        sources: chosen(), active: active.checked }, recipe.value + ' from ' + a.value);
    });
    return box;
  }

  // ---- runs and their live progress ----

  async function startRun(path, body, title) {
    let r;
    try {
      r = await api(path, body);
    } catch (e) {
      status('cannot start: ' + e.message);
      return;
    }
    const li = el('li', 'running');
    li.dataset.run = r.run;
    const head = el('div', null, title);
    const line = el('div', 'progress', 'starting…');
    const cancel = el('button', null, 'cancel');
    cancel.type = 'button';
    cancel.className = 'cancel';
    li.appendChild(head);
    li.appendChild(line);
    li.appendChild(cancel);
    $('run-list').prepend(li);
    const counts = {};
    let added = 0;
    const caseAtStart = S.caseName;
    const es = new EventSource('/api/runs/' + encodeURIComponent(r.run) + '/events');
    const show = (state) => {
      const parts = Object.entries(counts).map(([k, v]) => k + ' ' + v);
      line.textContent = visible((state || 'running') + ' · ' + (parts.join(', ') || 'no answers yet') + ' · ' + added + ' new nodes');
    };
    cancel.addEventListener('click', () => {
      cancel.disabled = true;
      api('/api/runs/' + encodeURIComponent(r.run) + '/cancel', {}).catch((e) => status('cancel: ' + e.message));
    });
    es.addEventListener('start', () => show());
    es.addEventListener('outcome', (ev) => {
      const o = JSON.parse(ev.data);
      const k = o.cached ? 'cached' : o.outcome;
      counts[k] = (counts[k] || 0) + 1;
      show();
    });
    es.addEventListener('graph', (ev) => {
      if (S.caseName !== caseAtStart) return;
      added += merge(JSON.parse(ev.data));
      show();
    });
    es.addEventListener('mark', (ev) => {
      const m = JSON.parse(ev.data);
      const n = S.nodes.get(m.id);
      if (n) {
        n.marks = (n.marks || []).concat([{ rule: m.rule, reason: m.reason }]);
        S.cy.getElementById(m.id).addClass('marked');
      }
    });
    es.addEventListener('end', (ev) => {
      es.close();
      const e = JSON.parse(ev.data);
      li.className = e.state;
      li.dataset.state = e.state;
      cancel.disabled = true;
      show(e.state + (e.message ? ' (' + e.message + ')' : ''));
      if (S.caseName === caseAtStart) {
        const keep = S.selected;
        reload().then((loaded) => { if (loaded && keep && S.nodes.has(keep)) select(keep); });
      }
    });
    es.onerror = () => { if (es.readyState === EventSource.CLOSED) show('disconnected'); };
  }

  /** New facts from a run: nodes placed next to a neighbour, edges added; returns how many nodes were new. */
  function merge(delta) {
    let added = 0;
    const newIds = [];
    for (const n of delta.nodes) {
      if (S.nodes.has(n.id)) continue;
      n.degree = 0;
      S.nodes.set(n.id, n);
      newIds.push(n.id);
      added++;
    }
    for (const e of delta.edges) {
      if (S.edges.has(e.id)) continue;
      S.edges.set(e.id, e);
      [e.s, e.t].forEach((id) => { const n = S.nodes.get(id); if (n) n.degree = (n.degree || 0) + 1; });
    }
    S.cy.batch(() => {
      for (const id of newIds) {
        const n = S.nodes.get(id);
        const anchor = delta.edges.map((e) => e.s === id ? e.t : e.t === id ? e.s : null)
          .map((x) => x && S.cy.getElementById(x)).find((c) => c && c.length);
        const p = anchor ? anchor.position() : { x: 0, y: 0 };
        const el = nodeElement(n);
        el.position = { x: p.x + (Math.random() - 0.5) * 120, y: p.y + (Math.random() - 0.5) * 120 };
        S.cy.add(el);
      }
      for (const e of delta.edges) {
        if (!S.cy.getElementById(e.id).length && S.cy.getElementById(e.s).length && S.cy.getElementById(e.t).length) {
          S.cy.add(edgeElement(e));
        }
      }
    });
    if (added) {
      S.summary.indicators += added;
      for (const n of newIds) { const x = S.nodes.get(n); S.known.types.add(x.type); S.filters.types.add(x.type);
        (x.sources || []).forEach((s) => { S.known.sources.add(s); S.filters.sources.add(s); }); }
      for (const e of delta.edges) { S.known.relations.add(e.rel); S.filters.relations.add(e.rel); }
      applyFilters(true);
    }
    return added;
  }

  /**
   * A click on a group: its next page of members drawn around it (the server sends them GROUP_PAGE at a time);
   * once every member is shown, the next click folds them back into the one node.
   */
  async function openGroup(groupId) {
    const grp = S.groups.get(groupId);
    if (!grp) return;
    if (grp.next < 0) { foldGroup(groupId); return; }
    if (grp.loading) return;
    grp.loading = true;
    let page;
    try {
      page = await api('/api/group?' + q({ case: S.caseName, id: groupId, offset: grp.next, limit: GROUP_PAGE }));
    } catch (e) {
      status('cannot open the group: ' + e.message);
      return;
    } finally {
      grp.loading = false;
    }
    if (S.groups.get(groupId) !== grp) return; // the graph was read again meanwhile
    const g = S.cy.getElementById(groupId);
    const p = g.position();
    const newIds = [];
    for (const n of page.nodes) {
      if (S.nodes.has(n.id)) continue;
      S.nodes.set(n.id, n);
      grp.members.add(n.id);
      newIds.push(n.id);
    }
    for (const e of page.edges) if (!S.edges.has(e.id)) S.edges.set(e.id, e);
    const ring = grp.members.size - newIds.length;
    S.cy.batch(() => {
      newIds.forEach((id, i) => {
        const el = nodeElement(S.nodes.get(id));
        const k = ring + i;
        const angle = (k % 36) / 36 * 2 * Math.PI + Math.floor(k / 36) * 0.09;
        const r = 70 + Math.floor(k / 36) * 28;
        el.position = { x: p.x + Math.cos(angle) * r, y: p.y + Math.sin(angle) * r };
        S.cy.add(el);
      });
      for (const e of page.edges) {
        if (!S.cy.getElementById(e.id).length && S.cy.getElementById(e.s).length && S.cy.getElementById(e.t).length) {
          S.cy.add(edgeElement(e));
        }
      }
    });
    grp.next = page.next;
    g.data('label', groupLabel(grp));
    S.summary.folded = Math.max(0, S.summary.folded - newIds.length);
    applyFilters(true);
    groupPanel(grp);
  }

  /** The group's shown members taken off the graph again: one node with its count. */
  function foldGroup(groupId) {
    const grp = S.groups.get(groupId);
    if (!grp || !grp.members.size) return;
    S.cy.batch(() => {
      for (const id of grp.members) {
        S.cy.getElementById(id).remove();
        S.nodes.delete(id);
      }
    });
    for (const [id, e] of S.edges) if (!S.nodes.has(e.s) || !S.nodes.has(e.t)) S.edges.delete(id);
    S.summary.folded += grp.members.size;
    grp.members.clear();
    grp.next = 0;
    S.cy.getElementById(groupId).data('label', groupLabel(grp));
    applyFilters(true);
    groupPanel(grp);
  }

  /** The inspector for a group: what it holds, how many are open, the next page and fold back. */
  function groupPanel(grp) {
    S.selected = grp.id;
    const box = $('inspector');
    box.replaceChildren();
    const h = el('h2', null, 'group: ' + grp.count + ' ' + grp.type + ' (' + grp.rel + ')');
    h.id = 'inspector-title';
    box.appendChild(h);
    if (grp.hub) {
      const p = el('p', null, grp.aggregate === 'asn' ? 'announced by ' : grp.aggregate ? 'held by ' : 'leaves of ');
      const b = el('button', 'linkish', grp.hub);
      b.addEventListener('click', () => select(grp.hub, true));
      p.appendChild(b);
      box.appendChild(p);
    }
    const line = el('p', null, grp.members.size + ' of ' + grp.count + ' shown');
    line.id = 'group-shown';
    box.appendChild(line);
    const more = el('button', null, grp.next < 0 ? 'all shown' : 'show the next ' + Math.min(GROUP_PAGE, grp.count - grp.members.size));
    more.type = 'button';
    more.id = 'group-next';
    more.disabled = grp.next < 0;
    more.addEventListener('click', () => openGroup(grp.id));
    const fold = el('button', null, 'fold back');
    fold.type = 'button';
    fold.id = 'group-fold';
    fold.disabled = !grp.members.size;
    fold.addEventListener('click', () => foldGroup(grp.id));
    box.appendChild(more);
    box.appendChild(document.createTextNode(' '));
    box.appendChild(fold);
  }

  // ---- cases ----

  async function loadCases(select) {
    const c = await api('/api/cases');
    const sel = $('case-select');
    sel.replaceChildren();
    const current = select || S.caseName || c.current;
    for (const x of c.cases) {
      const o = el('option', null, x.name + ' (' + x.indicators + ')');
      o.value = x.name;
      if (x.name === current) o.selected = true;
      sel.appendChild(o);
    }
    if (![...sel.options].some((o) => o.value === current)) {
      const o = el('option', null, current);
      o.value = current;
      o.selected = true;
      sel.appendChild(o);
    }
    S.caseName = current;
  }

  function setup() {
    setupList();
    $('case-select').addEventListener('change', () => {
      S.caseName = $('case-select').value;
      $('inspector').replaceChildren(el('p', 'hint', 'Click a node (or a row) to see everything the case knows about it.'));
      reload();
    });
    $('new-case').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await api('/api/cases', { name: $('new-case-name').value.trim(), seed: $('new-case-seed').value.trim() });
        await loadCases(r.name);
        await loadGraph();
        select(r.seed, true);
      } catch (e) {
        status('cannot create: ' + e.message);
      }
    });
    let timer = null;
    $('search').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => search(false), 150); });
    $('search').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') search(true); });
    ['time-from', 'time-to'].forEach((id) => $(id).addEventListener('input', () => {
      if (Number($('time-from').value) > Number($('time-to').value)) {
        if (id === 'time-from') $('time-to').value = $('time-from').value; else $('time-from').value = $('time-to').value;
      }
      timeLabels();
      applyFilters(true);
    }));
    $('hide-marked').addEventListener('change', () => applyFilters(true));
    $('collapse-leaves').addEventListener('change', () => applyFilters(true));
    $('aggregate-select').addEventListener('change', () => {
      // a case past the node limit is grouped by the server (read again); a smaller one in boxes here
      if (S.summary && S.summary.over_limit) reload();
      else aggregate($('aggregate-select').value, true);
    });
    $('relayout').addEventListener('click', () => { S.userLayout = true; layout(); });
    $('layout-select').addEventListener('change', () => { S.userLayout = true; layout(); });
    $('export-png').addEventListener('click', () => window.infrapivotExport.png(S.cy, 'infrapivot-' + S.caseName));
    $('export-svg').addEventListener('click', () => window.infrapivotExport.svg(S.cy, 'infrapivot-' + S.caseName));
    $('evidence-close').addEventListener('click', () => { $('evidence').hidden = true; });
  }

  window.infrapivot = { state: S, select: select, svgText: () => window.infrapivotExport.svgText(S.cy),
    window: () => ({ from: sliderTime('time-from'), to: sliderTime('time-to') }) };
  setup();
  const askedLayout = new URLSearchParams(location.search).get('layout');
  if ([...$('layout-select').options].some((o) => o.value === askedLayout)) {
    // ?layout=fcose|concentric|breadthfirst: the first layout, whatever the case's size
    $('layout-select').value = askedLayout;
    S.askedLayout = true;
  }
  const asked = new URLSearchParams(location.search).get('case');
  loadCases(asked || undefined).then(loadGraph).catch((e) => status('cannot load: ' + e.message));
})();
