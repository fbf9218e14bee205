// $GITHUB_OUTPUT read back as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks.
export function readGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      if (end < 0) throw new Error(`$GITHUB_OUTPUT: the block of ${block[1]} has no closing ${block[2]}`);
      outputs[block[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`$GITHUB_OUTPUT: "${line}" is neither name=value nor name<<DELIMITER`);
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}
