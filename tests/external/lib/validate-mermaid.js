'use strict';
// validate-mermaid FILE...: parses each Mermaid diagram with mermaid.parse() from the real
// `mermaid` package, in Node with a jsdom window standing in for the browser. A .md file is
// searched for ```mermaid fenced blocks (each one is checked); any other file is one diagram.
const fs = require('fs');
const { EXIT_OK, EXIT_INVALID, EXIT_USAGE, parseArgs, Diagnostics } = require('./common');

const USAGE = `usage: validate-mermaid FILE...
Parses Mermaid diagrams (.mmd, or .md with \`\`\`mermaid blocks) with mermaid.parse() under jsdom.
Output: FILE:LINE:COL: error: message. Exit: 0 valid, 1 invalid, 2 usage/IO error.
`;

async function loadMermaid() {
  const { JSDOM } = require('jsdom');
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  // mermaid (and DOMPurify inside it) look for browser globals
  for (const name of ['window', 'document', 'navigator', 'Element', 'HTMLElement', 'SVGElement', 'Node', 'DOMParser', 'MutationObserver']) {
    if (globalThis[name] === undefined) {
      const value = name === 'window' ? window : window[name];
      Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
    }
  }
  const mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  return mermaid;
}

function diagramsIn(file, text) {
  text = text.replace(/^\uFEFF/, '');
  if (!/\.(md|markdown)$/i.test(file)) return [{ text, firstLine: 1 }];
  const found = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*mermaid\b/.exec(lines[i]);
    if (!open) continue;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith(open[2])) body.push(lines[j++]);
    found.push({ text: body.join('\n'), firstLine: i + 2 });
    i = j;
  }
  return found;
}

async function main(argv) {
  const opts = parseArgs(argv, [], USAGE);
  const inputs = [];
  for (const file of opts.files) {
    try { inputs.push({ file, text: fs.readFileSync(file, 'utf8') }); } catch (e) { console.error(`${file}: error: cannot read: ${e.message}`); return EXIT_USAGE; }
  }
  const mermaid = await loadMermaid();
  let invalid = false;
  for (const { file, text } of inputs) {
    const diags = new Diagnostics(file);
    const kinds = [];
    const diagrams = diagramsIn(file, text);
    if (!diagrams.length) diags.error('no ```mermaid block found');
    for (const d of diagrams) {
      if (!d.text.trim()) { diags.error('empty diagram', d.firstLine, 1); continue; }
      try {
        const r = await mermaid.parse(d.text);
        kinds.push(r.diagramType);
      } catch (e) {
        const message = String((e && e.message) || e).split('\n').map(s => s.trim()).filter(Boolean);
        const loc = e && e.hash && e.hash.loc;
        const m = /line:? (\d+)/i.exec(message[0] || '');
        const lineCount = d.text.replace(/\n+$/, '').split('\n').length;
        const line = Math.min(loc ? loc.first_line : m ? Number(m[1]) : 1, lineCount);
        const col = loc ? loc.first_column + 1 : 1;
        diags.error(message.join(' | '), d.firstLine + line - 1, col);
      }
    }
    diags.print();
    const n = diags.errorCount;
    console.log(n ? `INVALID ${file}: ${n} error(s)` : `OK ${file} [${kinds.join(', ')}]`);
    if (n) invalid = true;
  }
  return invalid ? EXIT_INVALID : EXIT_OK;
}

module.exports = { main };
