// ioc-extractor on the whole corpus (it takes a string, not a stream): unique values per type, and its time.
const fs = require("fs");
const { extractIOC } = require(process.argv[2] + "/node_modules/ioc-extractor");
const t0 = process.hrtime.bigint();
const text = fs.readFileSync(process.argv[3], "utf8");
const r = extractIOC(text, { refang: true });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const out = [];
for (const [k, vs] of Object.entries(r)) for (const v of vs) out.push(k + "\t" + v);
fs.writeFileSync(process.argv[4], out.join("\n") + "\n");
console.error("ioc-extractor in-process ms " + ms.toFixed(0));
