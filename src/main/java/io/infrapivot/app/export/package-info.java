/**
 * Export of a case to the analyst's other tools (JSON Lines, CSV, GraphML, GEXF, STIX 2.1, MISP, Maltego
 * MTGX, Markdown and HTML reports) and import of their files back into a case. A thin face: it reads the
 * case through {@link io.infrapivot.engine.port.CaseStore} (streaming, see {@link io.infrapivot.app.export.Exporter})
 * and writes imported facts through the same port; it parses nothing of WHOIS or DNS itself, and every
 * indicator read from a file goes through {@link io.infrapivot.model.IndicatorParser}. docs/export.md.
 */
package io.infrapivot.app.export;
