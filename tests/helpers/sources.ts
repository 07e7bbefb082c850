/**
 * The source documents (shared/seeds), read from beside the repository root as CI and every checkout lay them out:
 * `<parent>/main` (this repository) and `<parent>/shared`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the source documents. */
export const SOURCES = resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/seeds');

/** The text of one source document, e.g. `002_b1c16f63db8304f6.txt`. */
export const sourceText = (file: string): string => readFileSync(resolve(SOURCES, file), 'utf8');
