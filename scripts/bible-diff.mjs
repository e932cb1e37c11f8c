// Differential check of devocast's Bible reference parser against OpenBible.info's
// bible-passage-reference-parser (npm), on generated reference strings.
//
//   npm install --prefix /tmp/bcv bible-passage-reference-parser
//   NODE_PATH=/tmp/bcv/node_modules node scripts/bible-diff.mjs [COUNT] [path/to/devocast]
//
// Prints the agreement rate (same set of OSIS ranges from both parsers) and a sample of the
// disagreements. Not part of `cargo test`.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const base = require.resolve("bible-passage-reference-parser/esm/bcv_parser.js");
const { bcv_parser } = await import(base);
const lang = await import(base.replace("bcv_parser.js", "lang/en.js"));

const count = Number(process.argv[2] || 3000);
const devocast = process.argv[3] || "target/release/devocast";
const bcv = new bcv_parser(lang);
bcv.set_options({ consecutive_combination_strategy: "separate", sequence_combination_strategy: "separate" });
const sys = bcv.translations.systems.default;
const order = Object.keys(sys.order).slice(0, 66);

// Written forms per book: full name and common abbreviations (with and without periods).
const forms = {
  Gen: ["Genesis", "Gen."], Exod: ["Exodus", "Exod.", "Ex."], Lev: ["Leviticus", "Lev."], Num: ["Numbers", "Num."],
  Deut: ["Deuteronomy", "Deut."], Josh: ["Joshua", "Josh."], Judg: ["Judges", "Judg."], Ruth: ["Ruth"],
  "1Sam": ["1 Samuel", "1 Sam."], "2Sam": ["2 Samuel", "2 Sam."], "1Kgs": ["1 Kings", "1 Kgs."], "2Kgs": ["2 Kings", "2 Kgs."],
  "1Chr": ["1 Chronicles", "1 Chron."], "2Chr": ["2 Chronicles", "2 Chron."], Ezra: ["Ezra"], Neh: ["Nehemiah", "Neh."],
  Esth: ["Esther", "Esth."], Job: ["Job"], Ps: ["Psalm", "Psalms", "Psa.", "Ps."], Prov: ["Proverbs", "Prov."],
  Eccl: ["Ecclesiastes", "Eccl."], Song: ["Song of Songs", "Song of Solomon"], Isa: ["Isaiah", "Isa."], Jer: ["Jeremiah", "Jer."],
  Lam: ["Lamentations", "Lam."], Ezek: ["Ezekiel", "Ezek."], Dan: ["Daniel", "Dan."], Hos: ["Hosea", "Hos."], Joel: ["Joel"],
  Amos: ["Amos"], Obad: ["Obadiah", "Obad."], Jonah: ["Jonah"], Mic: ["Micah", "Mic."], Nah: ["Nahum", "Nah."],
  Hab: ["Habakkuk", "Hab."], Zeph: ["Zephaniah", "Zeph."], Hag: ["Haggai", "Hag."], Zech: ["Zechariah", "Zech."],
  Mal: ["Malachi", "Mal."], Matt: ["Matthew", "Matt."], Mark: ["Mark"], Luke: ["Luke"], John: ["John"], Acts: ["Acts"],
  Rom: ["Romans", "Rom.", "Rom"], "1Cor": ["1 Corinthians", "1 Cor.", "I Cor.", "First Corinthians"], "2Cor": ["2 Corinthians", "2 Cor.", "II Cor."],
  Gal: ["Galatians", "Gal."], Eph: ["Ephesians", "Eph."], Phil: ["Philippians", "Phil."], Col: ["Colossians", "Col."],
  "1Thess": ["1 Thessalonians", "1 Thess."], "2Thess": ["2 Thessalonians", "2 Thess."], "1Tim": ["1 Timothy", "1 Tim."],
  "2Tim": ["2 Timothy", "2 Tim."], Titus: ["Titus"], Phlm: ["Philemon", "Philem."], Heb: ["Hebrews", "Heb.", "Heb"],
  Jas: ["James", "Jas."], "1Pet": ["1 Peter", "1 Pet.", "1 Pet", "1st Peter", "First Peter"], "2Pet": ["2 Peter", "2 Pet."],
  "1John": ["1 John", "First John"], "2John": ["2 John"], "3John": ["3 John"], Jude: ["Jude"], Rev: ["Revelation", "Rev."],
};

let seed = 12345;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const pick = (a) => a[rand(a.length)];

function generate() {
  const b = pick(order);
  const form = pick(forms[b]);
  const chapters = sys.chapters[b];
  const c = 1 + rand(chapters.length);
  const vmax = chapters[c - 1];
  const v = 1 + rand(vmax);
  const w = Math.min(vmax, v + 1 + rand(5));
  const c2 = Math.min(chapters.length, c + 1);
  const single = chapters.length === 1;
  const shapes = [
    () => single ? `${form} ${v}` : `${form} ${c}`,
    () => `${form} ${c}:${v}`,
    () => `${form} ${c}:${v}-${w}`,
    () => `${form} ${c}:${v}, ${w}`,
    () => c2 > c ? `${form} ${c}:${v}; ${c2}:1-2` : `${form} ${c}:${v}`,
    () => c2 > c ? `${form} ${c}:${v}-${c2}:1` : `${form} ${c}:${v}-${w}`,
    () => `see ${form} ${c}:${v}.`,
    () => `(${form} ${c}:${v}-${w})`,
    () => `${form} ${chapters.length + 1}:1`, // a chapter that does not exist
  ];
  return pick(shapes)();
}

const lines = Array.from({ length: count }, generate);
const ours = execFileSync(devocast, ["refs"], { input: lines.join("\n") + "\n" }).toString().trim().split("\n").map(JSON.parse);
let agree = 0;
const diffs = [];
lines.forEach((line, i) => {
  const theirs = bcv.parse(line).osis().split(",").filter(Boolean).sort();
  const mine = [...ours[i]].sort();
  if (JSON.stringify(theirs) === JSON.stringify(mine)) agree++;
  else diffs.push({ line, theirs, mine });
});
console.log(`${agree}/${count} agree (${(100 * agree / count).toFixed(1)}%)`);
for (const d of diffs.slice(0, 25)) console.log(JSON.stringify(d));
