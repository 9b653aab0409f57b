// One-line JSON logs (CloudWatch-friendly). Passed in, so tests and the local twin can silence it.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const write =
  (level: string) =>
  (message: string, fields: Record<string, unknown> = {}) => {
    const line = JSON.stringify({ level, message, ...fields });
    if (level === 'error') console.error(line);
    else console.log(line);
  };

export const jsonLogger: Logger = { info: write('info'), warn: write('warn'), error: write('error') };
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
