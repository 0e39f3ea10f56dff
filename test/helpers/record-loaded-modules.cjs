// Preloaded with `node -r`: at exit, writes every CommonJS module the process loaded (one path
// a line) to the file named by RECORD_LOADED_MODULES_TO, so a test can see what a command paid for.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.RECORD_LOADED_MODULES_TO, Object.keys(require.cache).join('\n'));
});
