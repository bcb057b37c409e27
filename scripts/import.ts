/**
 * `npm run import -- <file> [--title T]`: imports a plain-text, Markdown, HTML or EPUB file into the library the
 * server uses (`GLOSSA_DB`, default `./data/glossa.db`; migrated first, so it works on a new file too) and prints
 * the new document's id. Exits 1 with the reason when the file is refused, 2 on a usage error.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databasePath, openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { importDocumentFile, maxImportBytes } from '../db/queries/import-document.ts';
import { TextImportError } from '../lib/text/import-text.ts';

const usage = 'usage: npm run import -- <file> [--title "A Title"]';

/** The command line, parsed. */
function parseOptions() {
  return parseArgs({ allowPositionals: true, options: { title: { type: 'string', short: 't' } } });
}

function main(): number {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (err) {
    console.error(`import: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  const [file, ...rest] = parsed.positionals;
  if (!file || rest.length > 0) {
    console.error(usage);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    const size = statSync(file).size;
    if (size > maxImportBytes) {
      console.error(`import: ${file} is ${size} bytes; at most ${maxImportBytes} are accepted`);
      return 1;
    }
    bytes = readFileSync(file);
  } catch (err) {
    console.error(`import: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const db = openDatabase(databasePath());
  try {
    migrateDatabase(db, fileURLToPath(new URL('..', import.meta.url)));
    const id = importDocumentFile(db, { bytes, filename: file }, parsed.values.title);
    console.log(id);
    return 0;
  } catch (err) {
    if (err instanceof TextImportError) {
      console.error(`import: ${file} was not imported: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    db.$client.close();
  }
}

process.exitCode = main();
