// The incident form's stylesheet: the SWGfL form's boxes, tables and tick lists on an A4 sheet.
import { cssRule } from './html';

/** Appended to the base and page CSS (html.ts) by the form. */
export const formCss = `
${cssRule(
  '.visually-hidden',
  'position: absolute',
  'width: 1px',
  'height: 1px',
  'overflow: hidden',
  'clip: rect(0 0 0 0)',
  'white-space: nowrap',
)}
${cssRule(
  '.head',
  'display: flex',
  'justify-content: space-between',
  'align-items: flex-start',
  'gap: 6mm',
  'border-bottom: 2px solid #111',
  'padding-bottom: 3mm',
  'margin-bottom: 4mm',
)}
.head h1 { font-size: 14pt; line-height: 1.2; }
.head .sub { font-size: 10.5pt; margin-top: 1mm; }
.head .org { font-size: 10pt; margin-top: 2mm; color: #333; }
.refbox { border: 1.5px solid #111; padding: 2mm 3mm; flex: 0 0 60mm; text-align: right; }
.refbox .k { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .05em; color: #444; }
.refbox .ref { font: bold 12pt Consolas, "Liberation Mono", monospace; }
.refbox .status { font-size: 8.5pt; margin-top: 1mm; }
.refbox .status.draft { color: #a00; font-weight: bold; }
section { margin-bottom: 4.5mm; position: relative; z-index: 1; }
h2 { font-size: 10.5pt; background: #1f2d3a; color: #fff; padding: 1.2mm 2.5mm; margin-bottom: 0; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
td, th { border: 0.75pt solid #555; padding: 1.6mm 2.2mm; vertical-align: top; text-align: left; }
th { background: #e8ecf0; font-weight: bold; }
.fields th { width: 34%; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.people { display: flex; gap: 4mm; break-inside: avoid; }
.person { flex: 1; border: 0.75pt solid #555; }
.person h3 { font-size: 9.5pt; background: #e8ecf0; padding: 1.4mm 2.2mm; border-bottom: 0.75pt solid #555; }
${cssRule(
  '.person dl',
  'margin: 0',
  'padding: 2mm 2.2mm 1mm',
  'display: grid',
  'grid-template-columns: 22mm 1fr',
  'row-gap: 2mm',
)}
.person dt { font-weight: bold; }
.person dd { margin: 0; }
.ink { border-bottom: 0.75pt solid #111; height: 9mm; }
.ink.short { height: 6mm; width: 40mm; }
.sites td:first-child, .sites th:first-child { width: 15mm; text-align: center; overflow-wrap: normal; }
.sites .where { width: 52%; }
.sites .meta { font-size: 8pt; color: #333; margin-top: 1mm; }
.halt-row td { background: #fdecec; }
.halt-row .concern { font-weight: bold; color: #8a0000; }
.ticks { list-style: none; margin: 0; padding: 0; }
.ticks li { margin: 0.8mm 0; display: flex; align-items: flex-start; }
.ticks li .box { flex: none; margin-top: 0.3mm; vertical-align: 0; }
.plain { margin: 0; padding-left: 5mm; }
.digestbox { border: 0.75pt solid #555; border-top: 0; padding: 1.8mm 2.2mm 2.2mm; }
.digestbox .k { font-size: 8.5pt; color: #333; margin-bottom: 1mm; }
.digest { font: bold 10pt Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.signers { margin-top: 2.5mm; }
.signers tr.who td { border-bottom: 0; }
.signers tr.fp td { border-top: 0; font-size: 8pt; color: #333; padding-top: 0; }
.signers tr.who, .signers tr.fp { break-inside: avoid; }
.integrity { break-inside: avoid; }
${cssRule(
  '.sub-h',
  'font-size: 9.5pt',
  'background: #e8ecf0',
  'border: 0.75pt solid #555',
  'border-top: 0',
  'padding: 1.4mm 2.2mm',
  'break-after: avoid',
)}
.told th { background: #fff; font-size: 8.5pt; }
.told td, .told th { border-top: 0; }
.note { font-size: 8.5pt; color: #333; margin-top: 1.5mm; }
.small { font-size: 8.5pt; }
.warn { border: 1pt solid #8a0000; color: #8a0000; padding: 1mm 2mm; margin-top: 1.5mm; font-size: 8.5pt; }
.tmpl { font-size: 7.5pt; vertical-align: super; margin-left: 0.5mm; }
`;
