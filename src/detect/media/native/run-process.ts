import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { basename } from 'node:path';
import { AppError } from '../../../core/errors.js';

/**
 * One way to run an external tool (ffmpeg, ffprobe, tesseract, fpcalc, pdftotext …): in its own
 * process group, so a timeout kills the tool *and* anything it forked; with a wall-clock limit and
 * an output cap, so a hostile input can neither hang a worker nor fill its memory.
 */
export interface RunProcessOptions {
  /** Wall-clock limit; on expiry the whole process group gets SIGKILL and the call rejects. */
  timeoutMs: number;
  /** Total stdout bytes allowed (also when streamed through `onStdout`); more kills the group. */
  maxStdoutBytes: number;
  /** Written to stdin, which is then closed. Without it stdin is /dev/null. */
  input?: Buffer | string;
  /** Only the last this-many bytes of stderr are kept (the end is where tools say what failed). */
  maxStderrBytes?: number;
  /**
   * Streams stdout instead of buffering it (`stdout` in the result is then empty). A returned
   * promise pauses the tool until it settles; a throw or rejection kills the group and rejects.
   */
  onStdout?: (chunk: Buffer) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface ProcessResult {
  stdout: Buffer;
  stderr: string;
  /** The exit code; 128 + signal number when the tool died of a signal (as a shell reports it). */
  code: number;
}

const DEFAULT_MAX_STDERR = 64 * 1024;
const live = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
  live.delete(pid);
}

// Detached groups do not die with us; a worker that exits must not leave decoders running.
function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  live.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of [...live]) killGroup(group);
  });
}

function exitCode(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}

function failure(tool: string, detail: string, cause?: unknown): AppError {
  return new AppError('PROVIDER_FAILED', { detail: `${tool} ${detail}`, retryable: false, cause });
}

class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Drop whole chunks only while what remains still covers the tail we keep.
    while (this.chunks.length > 1 && this.size - (this.chunks[0]?.length ?? 0) >= this.max) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }

  toString(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.max)).toString('utf8');
  }
}

/**
 * Runs `cmd args` and resolves with its output and exit code; a non-zero exit is *not* an error
 * here (callers know what their tool's codes mean). Rejects with PROVIDER_FAILED when the tool is
 * missing, times out, exceeds `maxStdoutBytes`, is aborted, or `onStdout` throws (that error).
 * @example const { stdout, code } = await runProcess('ffprobe', ['-version'], { timeoutMs: 5000, maxStdoutBytes: 65536 });
 */
export function runProcess(cmd: string, args: readonly string[], options: RunProcessOptions): Promise<ProcessResult> {
  return new Promise<ProcessResult>((resolve, reject) => {
    const tool = basename(cmd);
    if (options.signal?.aborted) return reject(failure(tool, 'was aborted before it started'));
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, {
        detached: true,
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      return reject(failure(tool, `could not be started: ${(error as Error).message}`, error));
    }
    trackGroup(child.pid);
    new ProcessWatch(child, tool, options, resolve, reject).start();
  });
}

/** Settles one run exactly once: on exit, timeout, abort, spawn error, output cap or consumer error. */
class ProcessWatch {
  private settled = false;
  private pending: Promise<void> = Promise.resolve();
  private stdoutBytes = 0;
  private readonly stdoutChunks: Buffer[] = [];
  private readonly stderr: TailBuffer;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.fail(failure(this.tool, 'was aborted'));

  constructor(
    private readonly child: ChildProcess,
    private readonly tool: string,
    private readonly options: RunProcessOptions,
    private readonly resolve: (result: ProcessResult) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.stderr = new TailBuffer(options.maxStderrBytes ?? DEFAULT_MAX_STDERR);
  }

  start(): void {
    const { child, options, tool } = this;
    this.timer = setTimeout(
      () => this.fail(failure(tool, `timed out after ${options.timeoutMs} ms and was killed`)),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'is not installed or not on PATH' : `failed: ${error.message}`;
      this.fail(failure(tool, why, error));
    });
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    child.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.on('close', (code, signal) => {
      // Every chunk must be handled before the result counts as complete.
      void this.pending.then(() => this.succeed(exitCode(code, signal)));
    });
    writeInput(child, options.input);
  }

  private onStdout(chunk: Buffer): void {
    if (this.settled) return;
    this.stdoutBytes += chunk.length;
    if (this.stdoutBytes > this.options.maxStdoutBytes) {
      this.fail(failure(this.tool, `wrote more than ${this.options.maxStdoutBytes} bytes and was killed`));
    } else if (this.options.onStdout) {
      this.pending = this.deliver(chunk, this.options.onStdout);
    } else {
      this.stdoutChunks.push(chunk);
    }
  }

  private deliver(chunk: Buffer, onStdout: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    const stdout = this.child.stdout;
    try {
      const outcome = onStdout(chunk);
      if (!(outcome instanceof Promise)) return Promise.resolve();
      stdout?.pause();
      return outcome.then(
        () => {
          if (!this.settled) stdout?.resume();
        },
        (error: unknown) => this.fail(error),
      );
    } catch (error) {
      this.fail(error);
      return Promise.resolve();
    }
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    return true;
  }

  private fail(error: unknown): void {
    if (!this.settle()) return;
    killGroup(this.child.pid);
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.reject(error);
  }

  private succeed(code: number): void {
    if (!this.settle()) return;
    live.delete(this.child.pid ?? -1);
    this.resolve({ stdout: Buffer.concat(this.stdoutChunks), stderr: this.stderr.toString(), code });
  }
}

function writeInput(child: ChildProcess, input: Buffer | string | undefined): void {
  if (input === undefined || !child.stdin) return;
  // A tool that exits before reading all its input makes stdin emit EPIPE; its exit code tells more.
  child.stdin.on('error', () => {});
  child.stdin.end(input);
}
