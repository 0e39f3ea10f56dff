// The tests' own entry point to the built command: the same command line, with the tunnel
// pointed at a stand-in for ngrok's edge, which the published command cannot be told to do.
// Usage: node cli-through-fake-edge.cjs <edge host:port> <CA PEM file> <command> [options]
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { runAsProcess } = require(resolve(__dirname, '../../out/main/run-cli.js'));

const [serverAddr, caFile, ...argv] = process.argv.slice(2);
runAsProcess(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  ngrokEdge: { serverAddr, caCert: readFileSync(caFile, 'utf8') },
});
