/** One log line of the server at warn level or above, reduced to what a 5xx report needs. */
export interface LogLine {
  time: number;
  level: number;
  text: string;
}

const MAX_LINES = 20_000;

/**
 * The server's log during a fuzz run (a pino destination: JSON lines through write()). Lines at warn level
 * and above are kept, so each 5xx can be listed with the lines logged while it was being answered.
 */
export class LogSink {
  readonly lines: LogLine[] = [];
  /** every line of level error or above, whether or not a request was going on */
  errors = 0;

  write(chunk: string): void {
    for (const raw of chunk.split('\n')) {
      if (!raw.trim()) continue;
      let line: {
        time?: number;
        level?: number;
        msg?: string;
        err?: { type?: string; message?: string; stack?: string };
      };
      try {
        line = JSON.parse(raw);
      } catch {
        line = { time: Date.now(), level: 50, msg: raw };
      }
      const level = line.level ?? 30;
      if (level < 40) continue;
      if (level >= 50) this.errors++;
      if (this.lines.length >= MAX_LINES) continue;
      const err = line.err
        ? ` — ${line.err.type ?? 'Error'}: ${line.err.message ?? ''} ${(line.err.stack ?? '').split('\n').slice(1, 4).join(' ').replace(/\s+/g, ' ')}`
        : '';
      this.lines.push({
        time: line.time ?? Date.now(),
        level,
        text: `${line.msg ?? ''}${err}`.slice(0, 800),
      });
    }
  }

  /** The lines logged between two moments (ms since the epoch). */
  between(from: number, to: number): string[] {
    return this.lines.filter((l) => l.time >= from && l.time <= to).map((l) => `[${l.level}] ${l.text}`);
  }
}
