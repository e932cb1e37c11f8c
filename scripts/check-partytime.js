// Reads a built feed with the npm `podcast-partytime` parser (Podcasting 2.0) and fails on
// any missing podcast:guid, chapters or transcripts.
//   node scripts/check-partytime.js feed/feed.xml   (with podcast-partytime on NODE_PATH)
const { parseFeed } = require("podcast-partytime");
const xml = require("fs").readFileSync(process.argv[2], "utf8");
const feed = parseFeed(xml);
let failed = 0;
const check = (ok, msg) => { console.log((ok ? "ok   " : "FAIL ") + msg); if (!ok) failed++; };
check(feed && /^[0-9a-f-]{36}$/.test(feed.guid || ""), `partytime: podcast:guid ${feed && feed.guid}`);
check(feed && feed.items.length > 0, `partytime: ${feed ? feed.items.length : 0} items`);
for (const item of (feed ? feed.items : [])) {
  check(item.podcastChapters && /chapters\.json$/.test(item.podcastChapters.url), `${item.title}: podcast:chapters ${item.podcastChapters && item.podcastChapters.url}`);
  const types = (item.podcastTranscripts || []).map((t) => t.type);
  check(types.includes("text/vtt") && types.length >= 2, `${item.title}: transcripts ${types.join(", ")}`);
  check(item.duration > 0 && item.enclosure && item.enclosure.length > 0, `${item.title}: duration ${item.duration}, enclosure ${item.enclosure && item.enclosure.length} bytes`);
}
if (failed) { console.log(`${failed} partytime check(s) failed`); process.exit(1); }
console.log("all partytime checks passed");
