import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShutdown } from '../../main/desktop/shutdown';

afterEach(() => vi.useRealTimers());

describe('the quit sequence', () => {
  it('runs the steps in order, one after the other, then exits with the code', async () => {
    const order: string[] = [];
    const step = (name: string) => ({
      name,
      run: async () => {
        order.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name} done`);
      },
    });
    const shutdown = createShutdown({ steps: () => [step('tunnel'), step('core')], exit: (code) => order.push(`exit ${code}`) });
    await shutdown(3);
    expect(order).toEqual(['tunnel start', 'tunnel done', 'core start', 'core done', 'exit 3']);
  });

  it('goes on past a failing step and past a hung one, and runs only once', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const exit = vi.fn();
    const closed = vi.fn();
    const shutdown = createShutdown({
      steps: () => [
        { name: 'the tunnel', run: () => Promise.reject(new Error('gone')) },
        { name: 'the tray', run: () => new Promise<void>(() => {}) },
        { name: 'the database', run: closed },
      ],
      exit,
      stepTimeoutMs: 1000,
      log,
    });
    const done = shutdown(0);
    void shutdown(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(closed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(closed).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls).toEqual([[0]]);
    expect(log).toHaveBeenCalledWith('Stopping the tunnel failed:', expect.any(Error));
    expect(log).toHaveBeenCalledWith('Stopping the tray took over 1000 ms; going on.');
  });

  it('gives a step with its own bound that long, and the others the default', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const closed = vi.fn();
    const shutdown = createShutdown({
      steps: () => [
        { name: 'the tunnel', run: () => new Promise<void>(() => {}), timeoutMs: 300 },
        { name: 'the database', run: closed },
      ],
      exit: vi.fn(),
      stepTimeoutMs: 5000,
      log,
    });
    const done = shutdown(0);
    await vi.advanceTimersByTimeAsync(300);
    await done;
    expect(closed).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('Stopping the tunnel took over 300 ms; going on.');
  });

  it('asks first: no calls off the quit with nothing stopped, and the next quit asks again; yes goes on', async () => {
    const steps = vi.fn();
    const exit = vi.fn();
    const answers = [false, true];
    let answer: (quit: boolean) => void = () => {};
    const mayQuit = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const shutdown = createShutdown({ mayQuit, steps: () => [{ name: 'the core', run: steps }], exit });

    const first = shutdown(0);
    void shutdown(0); // a second quit while the person is being asked asks nothing more
    expect(mayQuit).toHaveBeenCalledTimes(1);
    answer(answers.shift()!);
    await first;
    expect(steps).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();

    expect(shutdown.underway()).toBe(false);
    const second = shutdown(0);
    expect(shutdown.underway()).toBe(true);
    expect(mayQuit).toHaveBeenCalledTimes(2);
    answer(answers.shift()!);
    await second;
    expect(steps).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls).toEqual([[0]]);
  });
});
