// The YAML that the suite's CI files are written in, read strictly: block mappings and sequences
// by indentation, plain, single- and double-quoted scalars, `|` and `>` block scalars, full-line
// comments. Every scalar stays a string. Anything else (flow collections, anchors, tags, several
// documents, a comment after a value, a plain scalar over several lines) is refused with its line,
// so the self-tests never read a file otherwise than GitHub or GitLab would: they fail instead.
export type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  no: number;
  indent: number;
  text: string;
}

const KEY = /^([A-Za-z0-9_.$-][A-Za-z0-9_.$/-]*):(?: +(.*))?$/;

export function readYamlSubset(source: string, file: string): Yaml {
  const raw = source.replace(/\r\n/g, '\n').split('\n');
  let at = 0;
  const fail = (no: number, why: string): never => {
    throw new Error(`${file}:${no + 1}: ${why} (outside the YAML these files are written in)`);
  };
  const lineAt = (i: number): Line => {
    const text = raw[i];
    if (/\t/.test(text.match(/^\s*/)?.[0] ?? '')) fail(i, 'a tab in the indentation');
    const indent = text.length - text.trimStart().length;
    return { no: i, indent, text: text.slice(indent) };
  };
  const ignorable = (i: number) => raw[i].trim() === '' || raw[i].trimStart().startsWith('#');
  /** The next line that holds something, without consuming it. */
  const peek = (): Line | undefined => {
    while (at < raw.length && ignorable(at)) at++;
    return at < raw.length ? lineAt(at) : undefined;
  };

  const scalar = (text: string, no: number): string => {
    if (text.startsWith("'")) {
      if (!/^'(?:[^']|'')*'$/.test(text)) fail(no, 'a single-quoted scalar that does not close on its line');
      return text.slice(1, -1).replace(/''/g, "'");
    }
    if (text.startsWith('"')) {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) fail(no, 'a double-quoted scalar that does not close on its line');
      return text.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => ({ '"': '"', '\\': '\\', n: '\n', t: '\t' })[c] ?? fail(no, `the escape \\${c}`));
    }
    if (/^[[\]{}&*!|>%@`,?:-]/.test(text) && !/^-[^ ]/.test(text)) fail(no, `a plain scalar starting with "${text[0]}"`);
    if (/ #|: /.test(text) || text.endsWith(':')) fail(no, 'a comment after a value, or ": " in a plain scalar');
    return text.trim();
  };

  /** A `|` or `>` block scalar: the lines after `no` indented deeper than `parent`. */
  const blockScalar = (style: string, parent: number, no: number): string => {
    if (style !== '|' && style !== '>') fail(no, `the block scalar indicator "${style}"`);
    const lines: string[] = [];
    let indent = -1;
    while (at < raw.length) {
      if (raw[at].trim() === '') {
        lines.push('');
        at++;
        continue;
      }
      const line = lineAt(at);
      if (line.indent <= parent) break;
      if (indent < 0) indent = line.indent;
      if (line.indent < indent) fail(at, 'a block scalar line indented less than its first');
      lines.push(raw[at].slice(indent));
      at++;
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) fail(no, 'an empty block scalar');
    if (style === '|') return `${lines.join('\n')}\n`;
    if (lines.some((l) => l.startsWith(' '))) fail(no, 'a more-indented line in a folded scalar');
    return `${lines.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ').replace(/\n\n/g, '\n')}\n`;
  };

  /** What follows `key:` or `- ` on line `no`: a scalar on the line, a block scalar, or a block below. */
  const valueOf = (rest: string | undefined, indent: number, no: number, sequenceMayAlign: boolean): Yaml => {
    if (rest !== undefined && rest !== '') {
      if (rest === '|' || rest === '>' || /^[|>][-+0-9]/.test(rest)) return blockScalar(rest, indent, no);
      return scalar(rest, no);
    }
    const next = peek();
    if (next && next.indent > indent) return block(next.indent);
    if (next && sequenceMayAlign && next.indent === indent && /^-( |$)/.test(next.text)) return sequence(indent);
    return fail(no, 'a key with no value');
  };

  const mapping = (indent: number, first?: Line): { [key: string]: Yaml } => {
    const out: { [key: string]: Yaml } = {};
    for (let line = first ?? peek(); line && line.indent === indent && !/^-( |$)/.test(line.text); line = peek()) {
      if (!first || line !== first) at++;
      first = undefined;
      const match = KEY.exec(line.text);
      if (!match) fail(line.no, `"${line.text}" is not "key: value"`);
      const [, key, rest] = match as RegExpExecArray;
      if (key in out) fail(line.no, `the key "${key}" twice`);
      out[key] = valueOf(rest, indent, line.no, true);
    }
    const next = peek();
    if (next && next.indent > indent) fail(next.no, 'a line indented deeper than its mapping');
    return out;
  };

  const sequence = (indent: number): Yaml[] => {
    const out: Yaml[] = [];
    for (let line = peek(); line && line.indent === indent && /^-( |$)/.test(line.text); line = peek()) {
      at++;
      const item = line.text.slice(1).trimStart();
      const itemIndent = indent + (line.text.length - item.length);
      if (KEY.test(item)) out.push(mapping(itemIndent, { no: line.no, indent: itemIndent, text: item }));
      else out.push(valueOf(item, indent, line.no, false));
    }
    const next = peek();
    if (next && next.indent > indent) fail(next.no, 'a line indented deeper than its sequence');
    return out;
  };

  const block = (indent: number): Yaml => {
    const line = peek();
    if (!line) return fail(raw.length - 1, 'nothing where a value was due');
    return /^-( |$)/.test(line.text) ? sequence(indent) : mapping(indent);
  };

  if (raw.some((l) => /^(---|\.\.\.)(\s|$)/.test(l))) fail(raw.findIndex((l) => /^(---|\.\.\.)(\s|$)/.test(l)), 'a document marker');
  const first = peek();
  if (!first) return fail(0, 'an empty file');
  if (first.indent !== 0) fail(first.no, 'a first line that is indented');
  const top = block(0);
  const rest = peek();
  if (rest) fail(rest.no, 'a line after the top-level block');
  return top;
}

/** The mapping at `path`, or a failure that names the path. */
export function mappingAt(value: Yaml | undefined, path: string): { [key: string]: Yaml } {
  if (value === undefined || typeof value === 'string' || Array.isArray(value)) throw new Error(`${path} is not a mapping`);
  return value;
}

export function stringAt(value: Yaml | undefined, path: string): string {
  if (typeof value !== 'string') throw new Error(`${path} is not a scalar`);
  return value;
}

export function listAt(value: Yaml | undefined, path: string): Yaml[] {
  if (!Array.isArray(value)) throw new Error(`${path} is not a sequence`);
  return value;
}
