'use strict';
// Shared bits of the three validators: command line, diagnostics, "did you mean".
// Output convention (all validators):   FILE:LINE:COL: error: message
// Exit status: 0 valid, 1 invalid, 2 usage or I/O error.

const EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2;

class UsageError extends Error {}

// Parses "--flag", "--key=value" and positional arguments. `flags` lists the accepted options.
function parseArgs(argv, flags, usage) {
  const opts = { files: [] };
  for (const a of argv) {
    if (a === '-h' || a === '--help') { process.stdout.write(usage); process.exit(EXIT_OK); }
    if (a.startsWith('--')) {
      const [k, ...v] = a.slice(2).split('=');
      if (!flags.includes(k)) throw new UsageError(`unknown option --${k}`);
      opts[k] = v.length ? v.join('=') : true;
    } else opts.files.push(a);
  }
  if (!opts.files.length) throw new UsageError('no input given');
  return opts;
}

// Collects diagnostics of one input file and prints them in the common format.
class Diagnostics {
  constructor(file) { this.file = file; this.items = []; }
  add(level, message, line, col, file) {
    this.items.push({ level, message, line: line || 0, col: col || 0, file: file || this.file });
  }
  error(message, line, col, file) { this.add('error', message, line, col, file); }
  warning(message, line, col, file) { this.add('warning', message, line, col, file); }
  get errorCount() { return this.items.filter(d => d.level === 'error').length; }
  print(out = console.log) {
    const seen = new Set();
    const sorted = this.items.slice().sort((a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
    for (const d of sorted) {
      const loc = d.line ? `${d.file}:${d.line}:${d.col || 1}` : d.file;
      const text = `${loc}: ${d.level}: ${d.message}`;
      if (seen.has(text)) continue;
      seen.add(text);
      out(text);
    }
  }
}

function editDistance(a, b) {
  a = a.toLowerCase(); b = b.toLowerCase();
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

// " (did you mean 'x'?)" for the closest candidate, or '' when nothing is close.
function didYouMean(word, candidates, quote = "'") {
  let best = null, bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) { best = c; bestD = d; }
  }
  if (best !== null && bestD <= Math.max(2, Math.floor(word.length / 4))) return ` (did you mean ${quote}${best}${quote}?)`;
  // prefix match, e.g. visibility_timeout -> visibility_timeout_seconds
  const hits = [...candidates].filter(c => word.length >= 4 && c.toLowerCase().startsWith(word.toLowerCase()));
  return hits.length === 1 ? ` (did you mean ${quote}${hits[0]}${quote}?)` : '';
}

// Runs an async main(argv) -> exit code, mapping exceptions to exit status 2.
function run(main) {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(code => { process.exitCode = code; }, err => {
      if (err instanceof UsageError) console.error(`${require('path').basename(process.argv[1])}: ${err.message} (see --help)`);
      else console.error(err && err.stack || String(err));
      process.exitCode = EXIT_USAGE;
    });
}

module.exports = { EXIT_OK, EXIT_INVALID, EXIT_USAGE, UsageError, parseArgs, Diagnostics, didYouMean, run };
