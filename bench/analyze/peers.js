// Times one peer sentiment tool over the texts of a parley JSONL file, on one core, as bench/analyze runs it:
//   node peers.js vader|afinn FILE.jsonl
// Reading and JSON-parsing the file is included, as it is for `parley analyze`; the scores are summed and
// printed so the work cannot be optimised away. Prints one JSON line: {tool, posts, seconds, checksum}.
'use strict';
const fs = require('fs');
const readline = require('readline');

const [tool, file] = process.argv.slice(2);
let score;
if (tool === 'vader') {
  const vader = require('vader-sentiment');
  score = (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
} else if (tool === 'afinn') {
  const Sentiment = require('sentiment');
  const s = new Sentiment();
  score = (t) => s.analyze(t).comparative;
} else {
  console.error('usage: node peers.js vader|afinn FILE.jsonl');
  process.exit(2);
}

const start = process.hrtime.bigint();
let posts = 0;
let checksum = 0;
const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
rl.on('line', (line) => {
  if (!line) return;
  const text = JSON.parse(line).text;
  if (typeof text !== 'string') return;
  checksum += score(text);
  posts++;
});
rl.on('close', () => {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ tool, posts, seconds, checksum }));
});
