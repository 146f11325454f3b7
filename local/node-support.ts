/**
 * The local commands support the Node 20 this project is developed on (Lambda runs Node 24). Without this the
 * AWS SDK prints its notice that SDK releases after January 2027 need Node 22 on every command run; the README
 * says so once instead. It must run before the first SDK client is created (clients emit it on construction).
 */
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export {};
