/**
 * Where log lines go while the console is open: the same stream, but written *around* the prompt, so a
 * reload report or a warning never lands in the middle of what the user is typing and the prompt (with the
 * half-typed line) is drawn again under it.
 */

/** A log destination the console can wrap (see `createLogger`'s `sink`). */
export interface ConsoleLogSink {
  write(line: string): void;
  /** Whether the stream is a terminal (the logger prints readable lines to one). */
  readonly isTTY: boolean;
  /** Set by the console while it shows a prompt: runs the write between clearing and redrawing it. */
  around?: (write: () => void) => void;
}

/** A log sink writing to `stream`, which the console can keep clear of its prompt. */
export function consoleLogSink(stream: NodeJS.WritableStream & { isTTY?: boolean }): ConsoleLogSink {
  const sink: ConsoleLogSink = {
    isTTY: Boolean(stream.isTTY),
    write(line) {
      const write = () => {
        stream.write(line);
      };
      if (sink.around) sink.around(write);
      else write();
    },
  };
  return sink;
}
