/** A one-line progress bar on stderr, drawn only on a terminal so logs and pipes stay clean. */
export class ProgressBar {
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY) && total > 1;
  }

  update(done: number, label: string): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round((done / this.total) * width);
    const name = label.length > 30 ? `…${label.slice(-29)}` : label;
    this.stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${this.total} ${name}\u001b[K`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\u001b[K');
  }
}
