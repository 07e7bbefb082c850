// The entry of the upload parser's worker thread (see upload-parser.ts): a worker does not inherit the main
// thread's TypeScript loader, so it registers tsx's own before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse.worker.ts');
