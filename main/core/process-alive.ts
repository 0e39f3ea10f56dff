/** Whether a process with this id runs on this machine (another user's counts: it is alive). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but another user's; anything else means it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
