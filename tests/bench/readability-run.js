// readability-run.js
//
// Copyright 2026 The Clipper authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs Mozilla's Readability.js over each page of a corpus and writes its
// article to OUT_DIR/<page>.html, for `extract-bench --compare OUT_DIR`.
// Needs Node.js with @mozilla/readability and jsdom installed
// (build-aux/clipper-dev bench installs them in a cache folder).
//
//   node readability-run.js CORPUS_DIR OUT_DIR

'use strict';

const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const [corpus, out] = process.argv.slice(2);
if (!corpus || !out) {
  console.error('usage: node readability-run.js CORPUS_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

for (const name of fs.readdirSync(corpus).sort()) {
  const source = path.join(corpus, name, 'source.html');
  if (!fs.existsSync(source))
    continue;
  // The URL the corpus's expected articles assume.
  const dom = new JSDOM(fs.readFileSync(source, 'utf8'), {
    url: 'http://fakehost/test/page.html',
    virtualConsole: new VirtualConsole(),
  });
  let content = '';
  try {
    const article = new Readability(dom.window.document).parse();
    content = article ? article.content : '';
  } catch (e) {
    console.error(`${name}: ${e.message}`);
  }
  fs.writeFileSync(path.join(out, name + '.html'), content || '');
}
