// Times wink-nlp tokenising + sentence splitting (pipe: sbd only) over the texts of a JSON array file, one thread.
// Usage: node tokenise.js TEXTS.json [passes]   Prints one JSON object: tokens, sentences, best wall and CPU seconds.
'use strict';
const fs = require('fs');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const texts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const passes = Number(process.argv[3] || 3);
const nlp = winkNLP(model, ['sbd']);

for (const t of texts.slice(0, 500)) nlp.readDoc(t);

let best = Infinity, bestCpu = Infinity, tokens = 0, sentences = 0;
for (let pass = 0; pass < passes; pass++) {
  tokens = 0;
  sentences = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const t of texts) {
    const doc = nlp.readDoc(t);
    tokens += doc.tokens().length();
    sentences += doc.sentences().length();
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  best = Math.min(best, wall);
  bestCpu = Math.min(bestCpu, (used.user + used.system) / 1e6);
}

const version = require('wink-nlp/package.json').version;
console.log(JSON.stringify({ system: 'wink-nlp ' + version, texts: texts.length, tokens, sentences, wall: best, cpu: bestCpu }));
