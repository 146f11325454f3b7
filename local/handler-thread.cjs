/*
 * Entry of a handler thread (local/handler-threads.ts): registers the TypeScript loader in this thread, then runs
 * handler-thread.ts. Plain JS so the thread starts the same way under tsx, jest and plain node.
 */
'use strict';
require('tsx/cjs/api').register();
require('./handler-thread.ts');
