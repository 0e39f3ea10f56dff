/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The current folder, where `flowent/` is looked for; the process's by default. */
  cwd?: string;
  /**
   * Where the tunnel connects instead of ngrok's cloud: a stand-in edge's `host:port` and the PEM
   * of the CA that signed its certificate. Only code can set it (the tests' own entry point):
   * the published command has no flag or variable that sends the authtoken elsewhere.
   */
  ngrokEdge?: { serverAddr: string; caCert: string };
}
