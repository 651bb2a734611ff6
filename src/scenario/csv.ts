// RFC 4180 CSV with positions: quoted fields ("" escapes a quote, line breaks allowed inside quotes),
// LF or CRLF line ends. Each field keeps the line and column where it starts, for diagnostics.

export interface CsvField {
  value: string;
  /** 1-based line and column where the field starts */
  line: number;
  col: number;
  /** characters of source the field spans on its first line */
  width: number;
}

export interface CsvRecord {
  /** 1-based line where the record starts */
  line: number;
  fields: CsvField[];
}

export interface CsvError {
  line: number;
  col: number;
  message: string;
}

export function parseCsv(text: string): { records: CsvRecord[]; errors: CsvError[] } {
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // BOM
  let line = 1;
  let lineStart = i;
  const n = text.length;
  while (i < n) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      const startLine = line;
      const col = i - lineStart + 1;
      let value = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') {
            line++;
            lineStart = i + 1;
          }
          value += c;
          i++;
        }
        if (!closed) errors.push({ line: startLine, col, message: 'unterminated quoted field' });
        else if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          errors.push({ line, col: i - lineStart + 1, message: 'unexpected text after a closing quote' });
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        }
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
        if (value.includes('"'))
          errors.push({
            line,
            col,
            message: 'a quote inside an unquoted field (quote the whole field and double the quote)',
          });
      }
      const width = startLine === line ? i - lineStart + 1 - col : 1;
      record.fields.push({ value, line: startLine, col, width: Math.max(1, width) });
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    lineStart = i;
    // skip blank lines
    if (!(record.fields.length === 1 && record.fields[0]!.value === '' && record.fields[0]!.width <= 1))
      records.push(record);
  }
  return { records, errors };
}
