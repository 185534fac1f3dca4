import readline from 'node:readline';

// A password for the CLI never comes as an argument (other users see argv in `ps`, shells keep it in history):
// piped on stdin (its first line), or typed at a prompt that does not echo.

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 4096) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({
      input: process.stdin,
      output: process.stderr,
      terminal: true,
    });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(prompt);
    // Echo nothing of what is typed (the prompt is already written).
    out._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export async function readSecret(prompt: string): Promise<string> {
  return process.stdin.isTTY ? promptHidden(prompt) : firstLineOfStdin();
}
