// The floor of the CLI benchmark: a process that only reads the given workbooks and inflates every part (fflate).
const { readFileSync } = require('fs');
const { unzipSync } = require('fflate');
let bytes = 0;
for (const file of process.argv.slice(2))
  for (const part of Object.values(unzipSync(readFileSync(file)))) bytes += part.length;
process.stdout.write(String(bytes));
